/** The term that ends last among `terms`: what a renewal continues from. */
export const latestOf = <T extends { end_date: string }>(terms: readonly T[]): T | null =>
  terms.reduce<T | null>((latest, t) => (latest && latest.end_date >= t.end_date ? latest : t), null);

/** Until when something done now can be undone (an ISO instant), per the undo setting. */
export function undoDeadline(now: string, days: number): string {
  return new Date(Date.parse(now) + days * 86_400_000).toISOString();
}

export const stillUndoable = (deadline: string | null, now: string) => deadline !== null && Date.parse(deadline) > Date.parse(now);
