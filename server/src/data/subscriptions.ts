import type { Selectable } from 'kysely';
import type { Status, SubscriptionsTable, Term, TermsTable } from '../db/schema.ts';
import { placeholders, queriesOf } from './queries.ts';
import type { Tx } from './transact.ts';

/** Subscriptions, their terms and the derived columns kept on them: the renewal path's SQL. */

export type Subscription = Selectable<SubscriptionsTable>;

/** Terms that count: an undone term stays in the table for the ledger's sake only. */
export const LIVE_TERM = 'undone_at IS NULL';

/**
 * Holds the client's row until the transaction ends, so that changes to one client's subscriptions
 * (a renewal, a seat change, an undo: each reads the terms, then writes from what it read) take
 * turns across connections and servers. The client's row, not the subscription's: the client's
 * derived columns are computed from all its subscriptions. Taken before any pool, always.
 */
export async function lockClient(tx: Tx, of: { clientId: number } | { subscriptionId: number }): Promise<void> {
  if ('clientId' in of) await queriesOf(tx).locking('SELECT id FROM clients WHERE id = ?', 'clients', of.clientId);
  else await lockClientsOf(tx, [of.subscriptionId]);
}

/** lockClient for the clients of many subscriptions, in id order (two such locks never deadlock). */
export async function lockClientsOf(tx: Tx, subscriptionIds: readonly number[]): Promise<void> {
  await queriesOf(tx).locking(
    `SELECT id FROM clients WHERE id IN (SELECT client_id FROM subscriptions WHERE id IN (${placeholders(subscriptionIds.length)})) ORDER BY id`,
    'clients',
    ...subscriptionIds,
  );
}

/** A live subscription; with `lockingClient`, its client's row is locked too (see lockClient), in the same read. */
export async function findSubscription(tx: Tx, id: number, { lockingClient = false } = {}): Promise<Subscription | undefined> {
  const queries = queriesOf(tx);
  if (!lockingClient) return queries.get<Subscription>('SELECT * FROM subscriptions WHERE id = ? AND archived = 0', id);
  const [sub] = await queries.locking<Subscription>(
    'SELECT subscriptions.* FROM subscriptions JOIN clients ON clients.id = subscriptions.client_id WHERE subscriptions.id = ? AND subscriptions.archived = 0',
    'clients',
    id,
  );
  return sub;
}

/** A subscription's live terms, in the order they were added. */
export function liveTermsOf(tx: Tx, subscriptionId: number): Promise<Term[]> {
  return queriesOf(tx).all<Term>(`SELECT * FROM terms WHERE ${LIVE_TERM} AND subscription_id = ? ORDER BY id`, subscriptionId);
}

export function liveTermsOfMany(tx: Tx, subscriptionIds: readonly number[]): Promise<Term[]> {
  return queriesOf(tx).all<Term>(`SELECT * FROM terms WHERE ${LIVE_TERM} AND subscription_id IN (${placeholders(subscriptionIds.length)})`, ...subscriptionIds);
}

/** A term as written: its id is the database's, and a new term is live. */
export type NewTerm = Omit<Selectable<TermsTable>, 'id' | 'undone_at'>;

export async function insertTerm(tx: Tx, term: NewTerm): Promise<number> {
  const row = await queriesOf(tx).get<{ id: number }>(
    'INSERT INTO terms (subscription_id, start_date, end_date, years, seats, created_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
    term.subscription_id,
    term.start_date,
    term.end_date,
    term.years,
    term.seats,
    term.created_at,
    term.origin,
  );
  return row!.id;
}

/**
 * After a renewal: not cancelled any more, no scheduled change, auto-renewal failures forgotten,
 * the undo window open until `undoUntil`; and the client's own creation no longer undoable alone.
 */
export async function markRenewed(tx: Tx, sub: Pick<Subscription, 'id' | 'client_id'>, undoUntil: string): Promise<void> {
  const queries = queriesOf(tx);
  await queries.run(
    `UPDATE subscriptions SET cancelled = 0, next_seats = NULL, next_years = NULL, auto_renew_failing_since = NULL,
     auto_renew_exhausted = 0, undo_until = ? WHERE id = ?`,
    undoUntil,
    sub.id,
  );
  await queries.run('UPDATE clients SET undo_until = NULL WHERE id = ? AND undo_until IS NOT NULL', sub.client_id);
}

export async function productName(tx: Tx, productId: number): Promise<string> {
  return (await queriesOf(tx).get<{ name: string }>('SELECT name FROM products WHERE id = ?', productId))!.name;
}

/** The organisations a client belongs to, with their names. */
export function clientOrganisation(tx: Tx, clientId: number) {
  return queriesOf(tx).get<{ partner_id: number; reseller_id: number | null; partner_name: string; reseller_name: string | null }>(
    `SELECT clients.partner_id, clients.reseller_id, partners.name AS partner_name, resellers.name AS reseller_name
     FROM clients JOIN partners ON partners.id = clients.partner_id LEFT JOIN resellers ON resellers.id = clients.reseller_id
     WHERE clients.id = ?`,
    clientId,
  );
}

/** The derived columns of subscriptions (see domain/derived.ts), as stored. */
export const DERIVED_SUBSCRIPTION = ['status', 'renewed', 'to_renew', 'start_date', 'end_date', 'years', 'seats', 'latest_end', 'status_until'] as const;
export type StoredSubscription = Record<(typeof DERIVED_SUBSCRIPTION)[number], unknown> & { id: number; client_id: number; cancelled: number };

export function storedSubscriptions(tx: Tx, ids: readonly number[]): Promise<StoredSubscription[]> {
  return queriesOf(tx).all<StoredSubscription>(
    `SELECT id, client_id, cancelled, ${DERIVED_SUBSCRIPTION.join(', ')} FROM subscriptions WHERE id IN (${placeholders(ids.length)})`,
    ...ids,
  );
}

export function subscriptionStatesOfClients(tx: Tx, clientIds: readonly number[]) {
  return queriesOf(tx).all<{ client_id: number; status: Status; end_date: string | null }>(
    `SELECT client_id, status, end_date FROM subscriptions WHERE client_id IN (${placeholders(clientIds.length)})`,
    ...clientIds,
  );
}

export function storedClients(tx: Tx, ids: readonly number[]) {
  return queriesOf(tx).all<{ id: number; status: Status; end_date: string | null; to_renew: number }>(
    `SELECT id, status, end_date, to_renew FROM clients WHERE id IN (${placeholders(ids.length)})`,
    ...ids,
  );
}

/** `UPDATE table SET …changed columns… WHERE id = ?`, or nothing when no column changed. */
export async function writeChanged(tx: Tx, table: 'subscriptions' | 'clients', id: number, current: Record<string, unknown>, next: Record<string, unknown>): Promise<void> {
  // Only changed columns are written: an index none of whose columns is assigned is not touched,
  // and each index page spared is a page less in the WAL at commit.
  const changed = Object.keys(next).filter((column) => next[column] !== current[column]);
  if (changed.length === 0) return;
  await queriesOf(tx).run(`UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, ...changed.map((c) => next[c]), id);
}
