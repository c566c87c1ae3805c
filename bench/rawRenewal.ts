import fs from 'node:fs';
import { openDatabase, statementsOf } from '../server/src/db/connection.ts';
import { SYSTEM_SCOPE } from '../server/src/domain/access.ts';
import { renewSubscription } from '../server/src/domain/subscriptions.ts';
import { timeRaw, type RawMeasure } from './rawSql.ts';

/**
 * The renewal's ceiling: the server's own renewal (server/src/domain/subscriptions.ts, prepared
 * statements) run in this process on a copy of the seeded file taken before the server started,
 * one renewal and one COMMIT at a time, each on its own subscription, with no HTTP: the most one
 * thread can do, to read the endpoint's ×floor against.
 */
export async function timeRawRenewals(copy: string, today: string, ids: number[], ms: number): Promise<RawMeasure & { sql: string[] }> {
  const { db, close } = openDatabase(copy);
  try {
    const ctx = { actor: 'bench-raw', scope: SYSTEM_SCOPE, today, now: new Date().toISOString() };
    let next = 0;
    const measure = await db.transaction().execute(async (tx) => {
      const statements = statementsOf(tx);
      // A throwaway copy: pools are simply made large enough.
      statements.run('UPDATE pools SET balance = balance + 1000000000');
      statements.exec('COMMIT');
      statements.exec('BEGIN');
      return timeRaw(async () => {
        await renewSubscription(tx, ctx, ids[next++ % ids.length], { years: 1 });
        statements.exec('COMMIT');
        statements.exec('BEGIN');
      }, ms);
    });
    return { ...measure, sql: ['renewSubscription() of server/src/domain/subscriptions.ts, then COMMIT, per renewal'] };
  } finally {
    await close();
    for (const file of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(file, { force: true });
  }
}
