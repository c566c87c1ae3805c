import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { TEMPLATE_DATABASE, databaseUrl } from './postgresGlobalSetup.ts';

/** Names unique across the run: workers differ by pid, a worker's files by the random part, its tests by the count. */
const namePrefix = `test_${process.pid}_${randomBytes(3).toString('hex')}`;
let created = 0;
let admin: pg.Pool | undefined;

function clusterUrl(): string {
  const postgres = inject('cascadePostgres');
  if (!postgres) throw new Error('CASCADE_TEST_DATABASE=postgres needs the cluster of tests/helpers/postgresGlobalSetup.ts: run the node-postgres project');
  if ('skipped' in postgres) throw new Error(postgres.skipped);
  return postgres.url;
}

/**
 * A new database copied from the run's migrated template, with its Kysely pool. The pool's idle
 * connections close after a second, since most tests never close their database (those go with
 * the cluster at the end of the run); close() ends the pool and drops the database.
 */
export async function freshPostgresDatabase() {
  const url = clusterUrl();
  const server = (admin ??= new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true }).on('error', () => {}));
  const name = `${namePrefix}_${++created}`;
  // FILE_COPY copies the template's files instead of WAL-logging every page: about twice as fast here.
  await server.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE} STRATEGY FILE_COPY`);
  const connection = openPostgres(databaseUrl(url, name), 4, { idleTimeoutMillis: 1_000 });
  const close = async () => {
    await connection.close();
    await server.query(`DROP DATABASE ${name} WITH (FORCE)`);
  };
  return { db: connection.db, close };
}
