import type { Locale } from '../../../shared/contract.ts';
import { historyRows, loginNames } from '../data/history.ts';
import type { Tx } from '../data/transact.ts';
import type { TermOrigin } from '../db/schema.ts';
import type { ActionContext } from './context.ts';
import { termCost } from './renewal.ts';
import { loadSubscription } from './subscriptions.ts';
import { actorName, textsFor } from './texts.ts';

/**
 * A subscription's history, newest first: its creation and renewals with the seats they were paid
 * for, each seat change as its own entry (a change no longer looks like a term with other seats),
 * and each undone renewal as an undo giving its licences back (negative cost).
 */
export interface HistoryEntry {
  id: string;
  kind: TermOrigin | 'seat_change' | 'undo';
  /** ISO 8601 UTC instant. */
  at: string;
  actor: string;
  start_date: string;
  end_date: string;
  years: number;
  seats: number;
  seats_from: number | null;
  seats_to: number | null;
  cost: number;
}

const utc = (timestamp: string) => new Date(Date.parse(timestamp)).toISOString();
// Within one instant, a term comes before the seat changes made to it, and both before an undo.
const RANK: Record<HistoryEntry['kind'], number> = { creation: 0, renewal: 0, auto_renewal: 0, seat_change: 1, undo: 2 };

export async function subscriptionHistory(tx: Tx, ctx: Pick<ActionContext, 'scope'> & { locale?: Locale }, subscriptionId: number): Promise<HistoryEntry[]> {
  await loadSubscription(tx, subscriptionId, ctx.scope);
  const { terms, seatChanges, movements } = await historyRows(tx, subscriptionId);
  const names = await loginNames(tx, [...movements.map((m) => m.actor), ...seatChanges.map((c) => c.actor)]);
  const texts = textsFor(ctx.locale ?? 'fr');
  const who = (actor: string | undefined) => actorName(texts, actor ?? '', names);

  const entries: HistoryEntry[] = [];
  for (const term of terms) {
    // The seats the term was paid for: before its first seat change, if any.
    const seats = seatChanges.find((c) => c.term_id === term.id)?.seats_from ?? term.seats;
    const paid = movements.find((m) => m.kind === 'consume' && m.term_id === term.id);
    const dates = { start_date: term.start_date, end_date: term.end_date, years: term.years };
    entries.push({ id: `term-${term.id}`, kind: term.origin, at: utc(term.created_at), actor: who(paid?.actor), ...dates, seats, seats_from: null, seats_to: null, cost: termCost(seats, term.years) });
    for (const change of seatChanges.filter((c) => c.term_id === term.id)) {
      entries.push({
        id: `seats-${change.id}`,
        kind: 'seat_change',
        at: utc(change.created_at),
        actor: who(change.actor),
        ...dates,
        seats: change.seats_to,
        seats_from: change.seats_from,
        seats_to: change.seats_to,
        cost: change.cost,
      });
    }
    if (term.undone_at !== null) {
      const givenBack = movements.filter((m) => m.kind === 'adjust' && m.term_id === term.id);
      entries.push({
        id: `undo-${term.id}`,
        kind: 'undo',
        at: utc(term.undone_at),
        actor: who(givenBack[0]?.actor),
        ...dates,
        seats: term.seats,
        seats_from: null,
        seats_to: null,
        cost: -givenBack.reduce((sum, m) => sum + m.quantity, 0),
      });
    }
  }
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || RANK[b.kind] - RANK[a.kind] || b.id.localeCompare(a.id, 'en', { numeric: true }));
}
