import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { migratePostgres } from '../../server/src/db/postgres.ts';
import { POSTGRES_MISSING, postgresBinDir, startPostgresCluster } from './postgres.ts';

/** The migrated database that every test database of the run is copied from. */
export const TEMPLATE_DATABASE = 'cascade_template';

/** The URL of database `name` of the cluster whose `postgres` database is at `clusterUrl`. */
export const databaseUrl = (clusterUrl: string, name: string) => clusterUrl.replace(/\/postgres$/, `/${name}`);

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster's `postgres` database (CASCADE_TEST_DATABASE=postgres), or why there is none. */
    cascadePostgres: { url: string } | { skipped: string };
  }
}

async function untilNoSessionOn(admin: pg.Client, database: string) {
  for (let tries = 0; ; tries++) {
    const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'", [database]);
    if (rows[0].n === 0) return;
    if (tries === 500) throw new Error(`database ${database} still has ${rows[0].n} session(s) after 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * globalSetup of the node-postgres project: one throwaway cluster for the whole run, holding a
 * migrated template database that testDatabase() copies for each test (CREATE DATABASE … TEMPLATE,
 * cheaper than migrating each database). The cluster is removed at the end.
 * Without PostgreSQL the project's tests are skipped (postgresRunner.ts), saying why; under CI=true
 * the run fails instead, as describePostgres does.
 */
export default async function setup(project: TestProject) {
  const dialect = project.config.env?.CASCADE_TEST_DATABASE ?? process.env.CASCADE_TEST_DATABASE;
  if (dialect !== 'postgres') return;
  if (!postgresBinDir()) {
    if (process.env.CI === 'true') throw new Error(`${POSTGRES_MISSING} (CI=true: the ${project.name} tests may not be skipped)`);
    console.warn(`Skipping the ${project.name} tests: ${POSTGRES_MISSING}`);
    project.provide('cascadePostgres', { skipped: POSTGRES_MISSING });
    return;
  }
  // A test opens a pool of up to 4 connections per database and most never close it: the pools'
  // idle connections close after a moment, and 400 leaves room for the workers' busy moments.
  const cluster = await startPostgresCluster({ settings: { max_connections: '400' } });
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
      // A bare pool: openPostgres's close() ends its pool only once Kysely has run a query.
      const template = new pg.Pool({ connectionString: databaseUrl(cluster.url, TEMPLATE_DATABASE), max: 1 });
      try {
        await migratePostgres(template);
      } finally {
        await template.end();
      }
      // Copying a database needs its template free of connections: none may open from now on, and
      // the server may take a moment to see the migration's connection go.
      await admin.query(`ALTER DATABASE ${TEMPLATE_DATABASE} WITH ALLOW_CONNECTIONS false`);
      await untilNoSessionOn(admin, TEMPLATE_DATABASE);
    } finally {
      await admin.end();
    }
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide('cascadePostgres', { url: cluster.url });
  return () => cluster.stopInBackground();
}
