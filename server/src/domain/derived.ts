import { sql } from 'kysely';
import { placeholders, statementsOf, type Statements } from '../db/connection.ts';
import type { Status, Term } from '../db/schema.ts';
import type { ActionContext, Tx } from './context.ts';
import { clientState, subscriptionState } from './status.ts';
import { LIVE_TERM } from './terms.ts';

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

/** `UPDATE table SET …changed columns… WHERE id = ?`, or nothing when no column changed. */
function writeChanged(statements: Statements, table: 'subscriptions' | 'clients', id: number, current: Record<string, unknown>, next: Record<string, unknown>) {
  // Only changed columns are written: an index none of whose columns is assigned is not touched,
  // and each index page spared is a page less in the WAL at commit.
  const changed = Object.keys(next).filter((column) => next[column] !== current[column]);
  if (changed.length === 0) return;
  statements.run(`UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, ...changed.map((c) => next[c]), id);
}

const DERIVED_SUBSCRIPTION = ['status', 'renewed', 'to_renew', 'start_date', 'end_date', 'years', 'seats', 'latest_end', 'status_until'] as const;
type StoredSubscription = Record<(typeof DERIVED_SUBSCRIPTION)[number], unknown> & { id: number; client_id: number; cancelled: number };

/** Recomputes the given subscriptions and then their clients. */
export function refreshSubscriptions(tx: Tx, ids: readonly number[], today: string): void {
  const statements = statementsOf(tx);
  const clientIds = new Set<number>();
  for (const part of chunks([...new Set(ids)])) {
    const subs = statements.all<StoredSubscription>(
      `SELECT id, client_id, cancelled, ${DERIVED_SUBSCRIPTION.join(', ')} FROM subscriptions WHERE id IN (${placeholders(part.length)})`,
      ...part,
    );
    const terms = statements.all<Term>(`SELECT * FROM terms WHERE ${LIVE_TERM} AND subscription_id IN (${placeholders(part.length)})`, ...part);
    const termsBySub = groupBy(terms, (t) => t.subscription_id);
    for (const sub of subs) {
      const state = subscriptionState(termsBySub.get(sub.id) ?? [], sub.cancelled === 1, today);
      writeChanged(statements, 'subscriptions', sub.id, sub, {
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
  refreshClients(tx, [...clientIds]);
}

/** Recomputes the clients' status, end date and to_renew from their subscriptions' stored state. */
export function refreshClients(tx: Tx, ids: readonly number[]): void {
  const statements = statementsOf(tx);
  for (const part of chunks(ids)) {
    const list = placeholders(part.length);
    const subs = statements.all<{ client_id: number; status: Status; end_date: string | null }>(
      `SELECT client_id, status, end_date FROM subscriptions WHERE client_id IN (${list})`,
      ...part,
    );
    const clients = statements.all<{ id: number; status: Status; end_date: string | null; to_renew: number }>(
      `SELECT id, status, end_date, to_renew FROM clients WHERE id IN (${list})`,
      ...part,
    );
    const byClient = groupBy(subs, (s) => s.client_id);
    for (const client of clients) {
      const state = clientState(byClient.get(client.id) ?? []);
      writeChanged(statements, 'clients', client.id, client, { status: state.status, end_date: state.endDate, to_renew: state.toRenew ? 1 : 0 });
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
  refreshSubscriptions(tx, ids, today);
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
export function derivedKeeper(db: Tx, onRolled: () => void = () => {}) {
  let current: string | null = null;
  let pending: Promise<void> | null = null;
  return async function ensureCurrent(ctx: Pick<ActionContext, 'today'>): Promise<void> {
    if (current === ctx.today) return;
    pending ??= db
      .transaction()
      .execute((tx) => rollDerivedTo(tx, ctx.today))
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
