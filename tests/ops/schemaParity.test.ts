import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.ts';
import { MigrationError, migrate, migrationFiles } from '../../server/src/db/migrate.ts';
import { migratePostgres, openPostgres, type PostgresConnection } from '../../server/src/db/postgres.ts';
import { MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR } from '../../server/src/paths.ts';
import { describePostgres, usePostgresCluster } from '../helpers/postgres.ts';
import { describePostgresSchema, describeSqliteSchema } from '../helpers/schemaDescription.ts';

/**
 * The two dialects' migrations must build one schema: same tables, columns, keys, constraints,
 * indexes and triggers, so that the domain written once runs the same on both.
 */
it('each SQLite migration has its PostgreSQL twin, by the same file name', () => {
  expect(migrationFiles(POSTGRES_MIGRATIONS_DIR)).toEqual(migrationFiles(MIGRATIONS_DIR));
  expect(migrationFiles(MIGRATIONS_DIR).length).toBeGreaterThanOrEqual(9);
});

describePostgres('PostgreSQL schema', () => {
  const cluster = usePostgresCluster();
  let postgres: PostgresConnection;

  beforeEach(async () => {
    postgres = openPostgres(await cluster().createDatabase(), 2);
  });
  afterEach(async () => {
    await postgres.close();
  });

  it('is the schema the SQLite migrations build: tables, columns, keys, constraints, indexes and triggers', async () => {
    const sqlite = openDatabase(':memory:');
    migrate(sqlite.sqlite);
    const expected = describeSqliteSchema(sqlite.sqlite);
    await sqlite.close();

    expect(await migratePostgres(postgres.pool)).toEqual(migrationFiles(POSTGRES_MIGRATIONS_DIR));
    const actual = await describePostgresSchema(postgres.pool);

    // Field by field first, so that a difference names its table.
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const table of Object.keys(expected)) expect({ table, ...actual[table] }).toEqual({ table, ...expected[table] });
    // A few facts the comparison rests on, so that a description reading nothing cannot pass.
    expect(expected.movements.triggers).toEqual(['movements_immutable_delete: before delete', 'movements_immutable_update: before update']);
    expect(expected.clients.indexes.clients_to_renew_end).toEqual({ columns: ['end_date'], unique: false, where: 'to_renew=1andarchived=0' });
    expect(expected.users.unique).toEqual(['email nocase']);
    expect(expected.sessions.foreignKeys).toEqual(['user_id -> users(id) on delete cascade']);
    expect(expected.pools.columns.find((c) => c.name === 'holder_id')).toMatchObject({ type: 'integer', generated: true });
    expect(expected.notifications.checks).toBe(3);
  });

  it('migrating again applies nothing and changes nothing', async () => {
    await migratePostgres(postgres.pool);
    const before = await describePostgresSchema(postgres.pool);
    expect(await migratePostgres(postgres.pool)).toEqual([]);
    expect(await describePostgresSchema(postgres.pool)).toEqual(before);
    const { rows } = await postgres.pool.query('SELECT count(*) AS n FROM schema_migrations');
    expect(rows[0].n).toBe(migrationFiles(POSTGRES_MIGRATIONS_DIR).length);
  });

  it('two servers starting at once on one database apply each migration once, without an error', async () => {
    const second = openPostgres((postgres.pool.options as { connectionString: string }).connectionString, 2);
    try {
      const [first, other] = await Promise.all([migratePostgres(postgres.pool), migratePostgres(second.pool)]);
      expect([...first, ...other].sort()).toEqual(migrationFiles(POSTGRES_MIGRATIONS_DIR));
      const { rows } = await postgres.pool.query('SELECT count(*) AS n FROM schema_migrations');
      expect(rows[0].n).toBe(migrationFiles(POSTGRES_MIGRATIONS_DIR).length);
    } finally {
      await second.close();
    }
  });

  it('refuses, untouched, a database migrated by a newer Cascade', async () => {
    await migratePostgres(postgres.pool);
    await postgres.pool.query("INSERT INTO schema_migrations (name, applied_at) VALUES ('0999_from_the_future.sql', '2030-01-01')");
    const before = await describePostgresSchema(postgres.pool);
    const refusal = migratePostgres(postgres.pool);
    await expect(refusal).rejects.toThrow(MigrationError);
    await expect(refusal).rejects.toThrow('database was migrated by a newer Cascade (unknown migration 0999_from_the_future.sql)');
    expect(await describePostgresSchema(postgres.pool)).toEqual(before);
  });

  it('a failing migration names its file and leaves nothing of itself behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-pg-migrations-'));
    try {
      fs.cpSync(POSTGRES_MIGRATIONS_DIR, dir, { recursive: true });
      fs.writeFileSync(path.join(dir, '0999_broken.sql'), 'CREATE TABLE half_done (x bigint);\nCREATE TABLE products (x bigint);\n');
      await expect(migratePostgres(postgres.pool, dir)).rejects.toThrow(/migration 0999_broken\.sql failed: relation "products" already exists/);
      const { rows: tables } = await postgres.pool.query("SELECT 1 FROM pg_class WHERE relname = 'half_done'");
      expect(tables).toEqual([]);
      const { rows: applied } = await postgres.pool.query('SELECT name FROM schema_migrations ORDER BY name');
      expect(applied.map((row) => row.name)).toEqual(migrationFiles(POSTGRES_MIGRATIONS_DIR));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads counts and ids as numbers', async () => {
    await migratePostgres(postgres.pool);
    const { rows } = await postgres.pool.query("INSERT INTO partners (name, email) VALUES ('Dupont', 'd@x.fr') RETURNING id");
    expect(rows[0].id).toBe(1);
    const { count } = await postgres.db.selectFrom('partners').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    expect(count).toBe(1);
  });

  it('refuses to update, delete or truncate a ledger movement', async () => {
    await migratePostgres(postgres.pool);
    await postgres.pool.query(`
      INSERT INTO products (code, name) VALUES ('P', 'Product');
      INSERT INTO partners (name, email) VALUES ('Partner', 'p@x.fr');
      INSERT INTO pools (partner_id, product_id, balance) VALUES (1, 1, 5);
      INSERT INTO movements (kind, product_id, quantity, to_pool_id, actor, created_at) VALUES ('grant', 1, 5, 1, 'test', '2026-11-26');`);
    await expect(postgres.pool.query('UPDATE movements SET quantity = 50')).rejects.toThrow('movements are immutable');
    await expect(postgres.pool.query('DELETE FROM movements')).rejects.toThrow('ledger rows can be neither updated nor deleted');
    await expect(postgres.pool.query('TRUNCATE movements')).rejects.toThrow('ledger rows can be neither updated nor deleted');
    const { rows } = await postgres.pool.query('SELECT quantity FROM movements');
    expect(rows).toEqual([{ quantity: 5 }]);
  });

  it('keeps login e-mails unique whatever their case, as SQLite does', async () => {
    await migratePostgres(postgres.pool);
    const insert = (email: string) =>
      postgres.pool.query("INSERT INTO users (email, name, role, password_hash, created_at) VALUES ($1, 'x', 'admin', 'h', 't')", [email]);
    await insert('Anne@Cascade.test');
    await expect(insert('anne@cascade.TEST')).rejects.toThrow(/users_email_key/);
    const { rows } = await postgres.pool.query('SELECT id FROM users WHERE email = $1', ['ANNE@cascade.test']);
    expect(rows).toEqual([{ id: 1 }]);
  });

  it('answers a substring search on search names from a trigram index, not a scan', async () => {
    await migratePostgres(postgres.pool);
    const { rows: searchIndexes } = await postgres.pool.query(
      `SELECT c.relname AS table, i.relname AS index FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_opclass o ON o.oid = x.indclass[0]
       WHERE o.opcname = 'gin_trgm_ops' ORDER BY 1`,
    );
    const { rows: searchColumns } = await postgres.pool.query(
      "SELECT table_name AS table FROM information_schema.columns WHERE column_name = 'search_name' AND table_schema = current_schema() ORDER BY 1",
    );
    expect(searchIndexes).toEqual(searchColumns.map(({ table }) => ({ table, index: `${table}_search_trgm` })));

    await postgres.pool.query(`
      INSERT INTO partners (name, email) VALUES ('Partner', 'p@x.fr');
      INSERT INTO clients (name, partner_id, created_at, search_name)
        SELECT 'Client ' || n, 1, '2026-11-26', 'client ' || n || CASE WHEN n % 100 = 0 THEN ' dupont' ELSE '' END
        FROM generate_series(1, 2000) n;
      ANALYZE clients;`);
    const client = new pg.Client({ connectionString: (postgres.pool.options as { connectionString: string }).connectionString });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const { rows: plan } = await client.query("EXPLAIN SELECT id FROM clients WHERE search_name LIKE '%dupont%'");
      expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on clients_search_trgm/);
      const { rows: found } = await client.query("SELECT count(*) AS n FROM clients WHERE search_name LIKE '%dupont%'");
      expect(found).toEqual([{ n: '20' }]);
    } finally {
      await client.end();
    }
  });
});
