import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { buildServerBundle, get, runToExit, startServer, tempDir, waitUntilReady } from './serverProcess.ts';

/** What an operator runs: `npm run build` then `npm start` (plain node on dist/server, no TypeScript loader). */
describe('the compiled server', () => {
  beforeAll(() => buildServerBundle());

  it('starts from dist/ with plain node, migrates a new database and answers ready', async () => {
    const dir = tempDir(onTestFinished);
    const server = await startServer('compiled', { DATABASE_URL: `file:${dir}/cascade.db` });
    onTestFinished(server.stop);
    const ready = await waitUntilReady(server.port);
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready' });
    const live = await get(server.port, '/api/health');
    expect(JSON.parse(live.body)).toMatchObject({ status: 'ok' });
    expect(server.output()).toContain('0007_idempotency_by_login.sql');
    // A clean stop includes the checkpointer thread (its own bundle) answering and exiting.
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(server.output()).toContain('"msg":"shutdown complete"');
    expect(server.output()).not.toMatch(/error/i);
  });

  it.each([
    ['TIME_ZONE', 'Mars/Olympus', 'TIME_ZONE: unknown time zone Mars/Olympus'],
    ['PORT', 'abc', 'PORT:'],
    ['SHUTDOWN_TIMEOUT_MS', '-1', 'SHUTDOWN_TIMEOUT_MS:'],
  ])('refuses %s=%s: exit 1, names the variable, no stack trace, no database file', async (name, value, message) => {
    const dir = tempDir(onTestFinished);
    const file = path.join(dir, 'cascade.db');
    const { code, output } = await runToExit({ DATABASE_URL: `file:${file}`, [name]: value });
    expect(code).toBe(1);
    expect(output).toContain(message);
    expect(output).not.toMatch(/^\s+at /m);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a database migrated by a newer Cascade, naming the unknown migration', async () => {
    const dir = tempDir(onTestFinished);
    const file = path.join(dir, 'cascade.db');
    const connection = openDatabase(file);
    migrate(connection.sqlite);
    connection.sqlite.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES ('0999_from_the_future.sql', '2030-01-01')").run();
    await connection.close();

    const { code, output } = await runToExit({ DATABASE_URL: `file:${file}` });
    expect(code).toBe(1);
    expect(output).toContain('database was migrated by a newer Cascade (unknown migration 0999_from_the_future.sql)');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('seeds an empty database once (npm run seed, compiled), then refuses to seed it again', async () => {
    const dir = tempDir(onTestFinished);
    const env = { DATABASE_URL: `file:${dir}/cascade.db` };
    const seed = ['dist/server/cli/seed.js', '--clients', '3'];
    const first = await runToExit(env, seed);
    expect(first.code).toBe(0);
    const second = await runToExit(env, seed);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/already holds data \(\d+ products, 3 partners, 3 clients\)/);
    const connection = openDatabase(path.join(dir, 'cascade.db'));
    onTestFinished(() => connection.close());
    expect(connection.sqlite.prepare('SELECT count(*) FROM clients').pluck().get()).toBe(3);
  });
});

describe('a failing migration', () => {
  it('names its file and leaves nothing of itself applied', async () => {
    const dir = tempDir(onTestFinished);
    const migrations = path.join(dir, 'migrations');
    fs.cpSync(path.resolve('db/migrations/sqlite'), migrations, { recursive: true });
    // Its first statement succeeds, its second fails: the first must not stay behind.
    fs.writeFileSync(path.join(migrations, '0999_broken.sql'), 'CREATE TABLE half_done (x INTEGER);\nCREATE TABLE products (x INTEGER);\n');
    const connection = openDatabase(path.join(dir, 'cascade.db'));
    onTestFinished(() => connection.close());

    expect(() => migrate(connection.sqlite, migrations)).toThrow(/migration 0999_broken\.sql failed: .*products already exists/);
    const tables = connection.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toContain('products');
    expect(tables).not.toContain('half_done');
    const applied = connection.sqlite.prepare('SELECT name FROM schema_migrations').pluck().all();
    expect(applied).toContain('0007_idempotency_by_login.sql');
    expect(applied).not.toContain('0999_broken.sql');
  });
});
