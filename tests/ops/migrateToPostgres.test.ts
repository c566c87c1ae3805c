import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OperationRefusedError } from '../../server/src/db/backup.ts';
import { openDatabase, type Connection } from '../../server/src/db/connection.ts';
import { copyToPostgres } from '../../server/src/db/copyToPostgres.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { checkInvariants } from '../../server/src/domain/invariants.ts';
import { runDailyJobs } from '../../server/src/jobs/daily.ts';
import { addDemoLogins } from '../../server/src/seed/demoLogins.ts';
import { seedBilling } from '../../server/src/seed/billing.ts';
import { seedDatabase } from '../../server/src/seed/generate.ts';
import { describePostgres, usePostgresCluster } from '../helpers/postgres.ts';
import { runToExit } from './serverProcess.ts';

/** npm run migrate-to-postgres on a demo database: every row copied, the ledger intact, ids continued. */

let dir: string;
let demo: Connection;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-to-postgres-'));
  demo = openDatabase(path.join(dir, 'demo.db'));
  migrate(demo.sqlite);
  await seedDatabase(demo.db, { clients: 120, today: '2026-11-26' });
  await seedBilling(demo.db, { today: '2026-11-26', now: '2026-11-26T09:00:00.000Z' });
  await addDemoLogins(demo.db, '2026-11-26T09:00:00.000Z');
  await runDailyJobs(demo.db, { today: '2026-11-26', now: '2026-11-26T09:00:00.000Z' }, null);
  expect(await checkInvariants(demo.db)).toEqual([]);
}, 60_000);
afterAll(async () => {
  await demo.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const countsOf = (connection: Connection) =>
  Object.fromEntries(
    (connection.sqlite.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'").pluck().all() as string[])
      .map((table) => [table, connection.sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number]),
  );

describePostgres('copying an installation to PostgreSQL', () => {
  const cluster = usePostgresCluster();

  it('copies every row, keeps every pool equal to its ledger, continues the ids, and refuses a non-empty target', async () => {
    const target = openPostgres(await cluster().createDatabase(), 2);
    try {
      const report = await copyToPostgres(demo, target);
      const expected = countsOf(demo);
      expect(Object.fromEntries(report.tables.map((t) => [t.name, t.rows]))).toEqual(expected);
      expect(expected.movements).toBeGreaterThan(200);
      expect(expected.invoices).toBeGreaterThan(3);
      for (const [table, rows] of Object.entries(expected)) {
        expect(Number((await target.pool.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n), table).toBe(rows);
      }
      // Balances and a sample of rows read the same from both databases.
      const balances = demo.sqlite.prepare('SELECT id, balance FROM pools ORDER BY id').all();
      expect((await target.pool.query('SELECT id, balance FROM pools ORDER BY id')).rows).toEqual(balances);
      const client = demo.sqlite.prepare('SELECT id, name, status, end_date FROM clients ORDER BY id LIMIT 1').get();
      expect((await target.pool.query('SELECT id, name, status, end_date FROM clients ORDER BY id LIMIT 1')).rows[0]).toEqual(client);
      // The invariants npm run check verifies hold on the copy as on the original.
      expect(await checkInvariants(target.db)).toEqual([]);
      // A new product gets the next id, not one already copied.
      const maxId = demo.sqlite.prepare('SELECT max(id) FROM products').pluck().get() as number;
      const inserted = await target.pool.query("INSERT INTO products (code, name, search_name) VALUES ('TNew', 'TNew', 'tnew') RETURNING id");
      expect(inserted.rows[0].id).toBe(maxId + 1);

      await expect(copyToPostgres(demo, target)).rejects.toThrow(OperationRefusedError);
      await expect(copyToPostgres(demo, target)).rejects.toThrow(/not empty/);
    } finally {
      await target.close();
    }
  }, 60_000);

  it('the command says what it copied, and refuses bad arguments with their names', async () => {
    const url = await cluster().createDatabase();
    const copied = await runToExit({}, ['--import', 'tsx', 'server/src/cli/migrateToPostgres.ts', '--from', `file:${demo.file}`, '--to', url], 60_000);
    expect(copied.code, copied.output).toBe(0);
    expect(copied.output).toMatch(/^Copied .*demo\.db to PostgreSQL in [\d.]+ s: \d+ rows in \d+ tables, row counts equal, every pool balance equals its ledger/);
    const again = await runToExit({}, ['--import', 'tsx', 'server/src/cli/migrateToPostgres.ts', '--from', `file:${demo.file}`, '--to', url], 60_000);
    expect(again.code).toBe(1);
    expect(again.output).toContain('Migration refused: the PostgreSQL database is not empty');
    const bad = await runToExit({}, ['--import', 'tsx', 'server/src/cli/migrateToPostgres.ts', '--from', 'data/cascade.db', '--to', 'mysql://x'], 60_000);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('--from: must look like file:path/to/cascade.db');
    expect(bad.output).toContain('--to: must start with postgres://');
  }, 90_000);
});
