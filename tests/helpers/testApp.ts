import pino from 'pino';
import { createApp } from '../../server/src/app.ts';
import { manualClock } from '../../server/src/clock.ts';
import { openDatabase } from '../../server/src/db/connection.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import type { ActionContext } from '../../server/src/domain/context.ts';

/** A fresh migrated in-memory database with a clock the test moves by hand. */
export function testDatabase(today = '2026-11-26') {
  const connection = openDatabase(':memory:');
  migrate(connection.sqlite);
  const clock = manualClock(today);
  const ctx = (actor = 'test'): ActionContext => ({ actor, today: clock.today(), now: clock.now() });
  return { ...connection, clock, ctx };
}

/** The HTTP app on a fresh database, for supertest. */
export function testApp(today = '2026-11-26') {
  const database = testDatabase(today);
  const app = createApp({ db: database.db, clock: database.clock, logger: pino({ level: 'silent' }) });
  return { ...database, app };
}

export type TestDatabase = ReturnType<typeof testDatabase>;
