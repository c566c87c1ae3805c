import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Store } from './handles.ts';
import { migratePostgres, openPostgres } from './postgres.ts';

const CHANNEL = 'cascade_changes';

/**
 * PostgreSQL: a pool for the queries, and one more connection that LISTENs to the change
 * notifications of migration 0011. Each process connects under an application_name of its own,
 * which the notifications carry, so that its own writes are told apart from other processes'.
 * While the listening connection is down, every call answers "changed" (nothing cached is trusted).
 */
export async function openPostgresStore(url: string, poolSize: number): Promise<Store> {
  const name = `cascade-${process.pid}-${randomUUID().slice(0, 8)}`;
  const { db, pool, close } = openPostgres(url, poolSize, { applicationName: name });
  let changed = false;
  let listening = false;
  let listener: pg.Client | null = null;
  let closing = false;
  let retry: NodeJS.Timeout | undefined;

  const listen = async () => {
    const client = new pg.Client({ connectionString: url, application_name: `${name}-listener` });
    client.on('notification', (message) => {
      if (message.payload !== name) changed = true;
    });
    client.on('error', () => {
      listening = false;
      client.end().catch(() => {});
      if (!closing) retry = setTimeout(() => void listen().catch(() => {}), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
    listening = true;
    // Whatever was written while no one listened is unknown: start afresh.
    changed = true;
  };
  await listen();

  return {
    db,
    dialect: 'postgres',
    sqliteFile: null,
    changedElsewhere() {
      if (!listening) return true;
      const was = changed;
      changed = false;
      return was;
    },
    migrate: () => migratePostgres(pool),
    async close() {
      closing = true;
      clearTimeout(retry);
      await listener?.end().catch(() => {});
      await close();
    },
  };
}
