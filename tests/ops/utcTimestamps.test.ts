import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.ts';
import { migrate, migrationFiles } from '../../server/src/db/migrate.ts';
import { migratePostgres, openPostgres } from '../../server/src/db/postgres.ts';
import { MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR } from '../../server/src/paths.ts';
import { describePostgres, usePostgresCluster } from '../helpers/postgres.ts';
import { seedDatabase } from '../../server/src/seed/generate.ts';
import { testDatabase } from '../helpers/testApp.ts';

/** Issue 12: one stored timestamp format (ISO UTC, ms, Z); the seed stamps nothing after "now". */

const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
let dir: string | null = null;

/** Rows as Cascade wrote them before migration 0015: the publisher's offset, and one already in UTC. */
const OLD_ROWS = `
  INSERT INTO products (id, code, name, search_name) VALUES (1, 'TBox', 'TBox', 'tbox');
  INSERT INTO partners (id, name, email, search_name) VALUES (1, 'Alpha', 'a@example.fr', 'alpha');
  INSERT INTO pools (id, partner_id, product_id, balance) VALUES (1, 1, 1, 5);
  INSERT INTO clients (id, name, partner_id, search_name, created_at) VALUES (1, 'A', 1, 'a', '2026-11-26T10:00:00.250+01:00'), (2, 'B', 1, 'b', '2026-07-01T09:00:00.000Z');
  INSERT INTO movements (kind, product_id, quantity, to_pool_id, actor, created_at) VALUES ('grant', 1, 5, 1, 'seed', '2026-07-14T00:30:00.000+02:00');
`;
const CONVERTED_CLIENTS = ['2026-11-26T09:00:00.250Z', '2026-07-01T09:00:00.000Z'];
const CONVERTED_MOVEMENTS = ['2026-07-13T22:30:00.000Z'];
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('migration 0015', () => {
  it('converts timestamps written with the publisher’s offset to UTC, the ledger’s included, and leaves UTC ones', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-utc-'));
    const files = migrationFiles(MIGRATIONS_DIR);
    const before = files.slice(0, files.indexOf('0015_utc_timestamps.sql'));
    for (const file of before) fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(dir, file));
    const { sqlite, close } = openDatabase(':memory:');
    migrate(sqlite, dir);
    sqlite.exec(OLD_ROWS);
    migrate(sqlite, MIGRATIONS_DIR);
    expect(sqlite.prepare('SELECT created_at FROM clients ORDER BY id').pluck().all()).toEqual(CONVERTED_CLIENTS);
    expect(sqlite.prepare('SELECT created_at FROM movements').pluck().all()).toEqual(CONVERTED_MOVEMENTS);
    // The ledger is immutable again afterwards.
    expect(() => sqlite.prepare("UPDATE movements SET actor = 'x'").run()).toThrow(/immutable/);
    close();
  });
});

describePostgres('migration 0015 on PostgreSQL', () => {
  const cluster = usePostgresCluster();

  it('converts the same rows the same way', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-utc-pg-'));
    const files = migrationFiles(POSTGRES_MIGRATIONS_DIR);
    for (const file of files.slice(0, files.indexOf('0015_utc_timestamps.sql'))) fs.copyFileSync(path.join(POSTGRES_MIGRATIONS_DIR, file), path.join(dir, file));
    const postgres = openPostgres(await cluster().createDatabase(), 2);
    try {
      await migratePostgres(postgres.pool, dir);
      await postgres.pool.query(OLD_ROWS);
      await migratePostgres(postgres.pool);
      expect((await postgres.pool.query('SELECT created_at FROM clients ORDER BY id')).rows.map((r) => r.created_at)).toEqual(CONVERTED_CLIENTS);
      expect((await postgres.pool.query('SELECT created_at FROM movements')).rows.map((r) => r.created_at)).toEqual(CONVERTED_MOVEMENTS);
      await expect(postgres.pool.query("UPDATE movements SET actor = 'x'")).rejects.toThrow(/immutable/);
    } finally {
      await postgres.close();
    }
  });
});

describe('the seed', () => {
  it('stamps nothing after its "now", and stamps in UTC', async () => {
    const t = await testDatabase('2026-11-26');
    const now = '2026-11-26T07:30:00.000Z';
    await seedDatabase(t.db, { clients: 300, today: '2026-11-26', now, seed: 5 });
    for (const table of ['terms', 'movements', 'clients'] as const) {
      const stamps = (await t.db.selectFrom(table).select('created_at').execute()).map((r) => r.created_at);
      expect(stamps.every((s) => UTC.test(s)), table).toBe(true);
      expect(stamps.reduce((a, b) => (a > b ? a : b)), table).toBe(now);
    }
    await t.close();
  });
});
