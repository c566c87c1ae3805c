import { sql } from 'kysely';
import { liveTermsOfMany, lockClientsOf, storedClients, storedSubscriptions, subscriptionStatesOfClients, writeChanged } from '../data/subscriptions.ts';
import { transact, type Db, type Tx } from '../data/transact.ts';
import type { ActionContext } from './context.ts';
import { clientState, subscriptionState } from './status.ts';

/**
 * Keeps the derived columns (status, shown term, to_renew, client end date) true for "today".
 * They are written by every change of terms and rolled forward when the day changes, so that
 * lists filter and sort on indexed columns instead of recomputing statuses per request.
 */

const CHUNK = 500;

/** Map.groupBy is Node 21+; this is its Node 20 stand-in. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Recomputes the given subscriptions and then their clients (`clientsLocked`: the caller holds their rows already). */
export async function refreshSubscriptions(tx: Tx, ids: readonly number[], today: string, { clientsLocked = false } = {}): Promise<void> {
  const clientIds = new Set<number>();
  for (const part of chunks([...new Set(ids)])) {
    // What is read next must not change before it is written back (see lockClient).
    if (!clientsLocked) await lockClientsOf(tx, part);
    const subs = await storedSubscriptions(tx, part);
    const termsBySub = groupBy(await liveTermsOfMany(tx, part), (t) => t.subscription_id);
    for (const sub of subs) {
      const state = subscriptionState(termsBySub.get(sub.id) ?? [], sub.cancelled === 1, today);
      await writeChanged(tx, 'subscriptions', sub.id, sub, {
        status: state.status,
        renewed: state.renewed ? 1 : 0,
        to_renew: state.toRenew ? 1 : 0,
        start_date: state.shown?.start_date ?? null,
        end_date: state.shown?.end_date ?? null,
        years: state.shown?.years ?? null,
        seats: state.shown?.seats ?? null,
        latest_end: state.latestEnd,
        status_until: state.until,
      });
      clientIds.add(sub.client_id);
    }
  }
  await refreshClients(tx, [...clientIds]);
}

/** Recomputes the clients' status, end date and to_renew from their subscriptions' stored state. */
export async function refreshClients(tx: Tx, ids: readonly number[]): Promise<void> {
  for (const part of chunks(ids)) {
    const byClient = groupBy(await subscriptionStatesOfClients(tx, part), (s) => s.client_id);
    for (const client of await storedClients(tx, part)) {
      const state = clientState(byClient.get(client.id) ?? []);
      await writeChanged(tx, 'clients', client.id, client, { status: state.status, end_date: state.endDate, to_renew: state.toRenew ? 1 : 0 });
    }
  }
}

const AS_OF = 'derived_as_of';

/**
 * Brings the derived columns to `today`. Moving forward only touches rows whose status_until has
 * come; moving back in time (a pinned TODAY in a demo) recomputes everything.
 * Returns the number of subscriptions recomputed.
 */
export async function rollDerivedTo(tx: Tx, today: string): Promise<number> {
  const row = await tx.selectFrom('meta').select('value').where('key', '=', AS_OF).executeTakeFirst();
  const asOf = row?.value;
  if (asOf === today) return 0;
  let query = tx.selectFrom('subscriptions').select('id').where('archived', '=', 0);
  if (asOf !== undefined && asOf < today) query = query.where('status_until', '<=', today);
  const ids = (await query.execute()).map((r) => r.id);
  await refreshSubscriptions(tx, ids, today);
  await markDerivedAsOf(tx, today);
  return ids.length;
}

export async function markDerivedAsOf(tx: Tx, today: string): Promise<void> {
  await tx
    .insertInto('meta')
    .values({ key: AS_OF, value: today })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`excluded.value` }))
    .execute();
}

/** Keeps one process's derived columns current: cheap when the day has not changed. */
export function derivedKeeper(db: Db, onRolled: () => void = () => {}) {
  let current: string | null = null;
  let pending: Promise<void> | null = null;
  return async function ensureCurrent(ctx: Pick<ActionContext, 'today'>): Promise<void> {
    if (current === ctx.today) return;
    pending ??= transact(db, (tx) => rollDerivedTo(tx, ctx.today))
      .then(() => {
        current = ctx.today;
        onRolled();
      })
      .finally(() => {
        pending = null;
      });
    await pending;
  };
}
