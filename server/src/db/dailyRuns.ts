import type { Db } from './handles.ts';

/**
 * The daily jobs' days, shared by every process on the database (table daily_runs): a process
 * claims the day before running its jobs, so that servers checking at the same minute run them
 * once; the claim lapses at `claimed_until`, so a crashed run is taken over; `done_at` ends the day.
 */

export async function dayDone(db: Db, day: string): Promise<boolean> {
  const row = await db.selectFrom('daily_runs').select('done_at').where('day', '=', day).executeTakeFirst();
  return row?.done_at != null;
}

/** Claims `day` for `claimant` until `now + holdMs`; false when another process holds it or it is done. */
export async function claimDay(db: Db, day: string, claimant: string, now: number, holdMs: number): Promise<boolean> {
  const claimed = await db
    .insertInto('daily_runs')
    .values({ day, claimed_by: claimant, claimed_until: now + holdMs, done_at: null })
    .onConflict((oc) =>
      oc
        .column('day')
        .doUpdateSet((eb) => ({ claimed_by: eb.ref('excluded.claimed_by'), claimed_until: eb.ref('excluded.claimed_until') }))
        .where('daily_runs.done_at', 'is', null)
        .where((eb) => eb.or([eb('daily_runs.claimed_until', 'is', null), eb('daily_runs.claimed_until', '<=', now), eb('daily_runs.claimed_by', '=', claimant)])),
    )
    .returning('day')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** The claimant's run completed. */
export async function markDayDone(db: Db, day: string, claimant: string, doneAt: string): Promise<void> {
  await db.updateTable('daily_runs').set({ done_at: doneAt, claimed_until: null }).where('day', '=', day).where('claimed_by', '=', claimant).execute();
}

/** The claimant's run failed: any process (this one at its next check) may take the day at once. */
export async function releaseDay(db: Db, day: string, claimant: string): Promise<void> {
  await db.updateTable('daily_runs').set({ claimed_until: 0 }).where('day', '=', day).where('claimed_by', '=', claimant).where('done_at', 'is', null).execute();
}
