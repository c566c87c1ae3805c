import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCommand } from '../../server/src/cli/command.ts';
import { manualClock } from '../../server/src/clock.ts';
import { backupDatabase, OperationRefusedError, restoreDatabase } from '../../server/src/db/backup.ts';
import { openDatabase } from '../../server/src/db/connection.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { acquireServerLock, markerOf, serverUsing, ServerLockedError, usersFolderOf, waitForServerLock, type DatabaseUser } from '../../server/src/db/serverLock.ts';
import { SYSTEM_SCOPE } from '../../server/src/domain/access.ts';
import { allocateLicenses, grantLicenses } from '../../server/src/domain/allocations.ts';
import { createClient } from '../../server/src/domain/clients.ts';
import { checkInvariants } from '../../server/src/domain/invariants.ts';
import { seedDatabase } from '../../server/src/seed/generate.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-backup-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database file as the server opens it (WAL), seeded. */
/** Marks `pid` as using the database, as that process would. */
function markAsUser(databaseFile: string, pid: number, role: DatabaseUser = 'server') {
  fs.mkdirSync(usersFolderOf(databaseFile), { recursive: true });
  fs.writeFileSync(markerOf(databaseFile, pid, role), '');
}

async function seededFile(name = 'cascade.db', clients = 1500) {
  const file = path.join(dir, name);
  const connection = openDatabase(file);
  migrate(connection.sqlite);
  const clock = manualClock('2026-11-26');
  await seedDatabase(connection.db, { clients, today: clock.today(), seed: 7 });
  return { ...connection, clock };
}

const movementCount = (file: string) => {
  const c = openDatabase(file);
  const n = (c.sqlite.prepare('SELECT count(*) AS n FROM movements').get() as { n: number }).n;
  c.sqlite.close();
  return n;
};

async function invariantsOf(file: string) {
  const c = openDatabase(file);
  try {
    return await checkInvariants(c.db);
  } finally {
    await c.close();
  }
}

/** A pid no process has any more (a server that was SIGKILLed). */
function deadPid(): number {
  return spawnSync('true').pid!;
}

const cli = (script: string, args: string[], databaseFile: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', `server/src/cli/${script}.ts`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}` },
  });

describe('backup while the server writes', () => {
  it('is a consistent snapshot: restored, its invariants hold', async () => {
    const live = await seededFile();
    const initial = movementCount(live.file);
    const { partner_id, id: reseller_id } = live.sqlite.prepare('SELECT id, partner_id FROM resellers LIMIT 1').get() as { id: number; partner_id: number };
    const product_id = (live.sqlite.prepare('SELECT id FROM products LIMIT 1').get() as { id: number }).id;
    const ctx = () => ({ actor: 'load', scope: SYSTEM_SCOPE, today: live.clock.today(), now: live.clock.now() });

    // The server's connection keeps committing license movements while the backup runs.
    let writes = 0;
    let backupDone = false;
    let writesDuringBackup = 0;
    const writer = (async () => {
      for (let i = 0; i < 150; i++) {
        await live.db.transaction().execute(async (tx) => {
          await grantLicenses(tx, ctx(), { product_id, partner_id, quantity: 3 });
          await allocateLicenses(tx, ctx(), { product_id, reseller_id, quantity: 3 });
          await createClient(tx, ctx(), { name: `Client ${i}`, reseller_id, subscriptions: [{ product_id, start_date: '2026-11-01', years: 1, seats: 3 }] });
        });
        writes++;
        if (!backupDone) writesDuringBackup++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    while (writes < 20) await new Promise((resolve) => setImmediate(resolve));
    const backupFile = path.join(dir, 'backup.db');
    const copy = await backupDatabase(live.file, backupFile);
    backupDone = true;
    await writer;
    await live.close();

    expect(writesDuringBackup).toBeGreaterThanOrEqual(20);
    expect(writes).toBe(150);
    expect(copy.migration).toMatch(/^\d{4}_.+\.sql$/);
    // Whole transactions only: 3 movements per write, and a state between the first and the last.
    const copied = movementCount(backupFile);
    expect((copied - initial) % 3).toBe(0);
    expect(copied).toBeGreaterThan(initial);
    expect(copied).toBeLessThan(initial + 3 * 150);
    expect(await invariantsOf(backupFile)).toEqual([]);

    const restored = path.join(dir, 'restored', 'cascade.db');
    const report = await restoreDatabase(backupFile, restored);
    expect(report.previous).toBeNull();
    expect(movementCount(restored)).toBe(copied);
    expect(await invariantsOf(restored)).toEqual([]);
  });

  it('refuses to overwrite an existing file unless forced, the database itself, or a missing folder', async () => {
    const live = await seededFile('cascade.db', 50);
    await live.close();
    const target = path.join(dir, 'old-backup.db');
    fs.writeFileSync(target, 'precious');
    await expect(backupDatabase(live.file, target)).rejects.toThrow(/old-backup\.db already exists \(add --force/);
    expect(fs.readFileSync(target, 'utf8')).toBe('precious');
    await backupDatabase(live.file, target, { force: true });
    expect(await invariantsOf(target)).toEqual([]);
    await expect(backupDatabase(live.file, live.file, { force: true })).rejects.toThrow(/is the database itself/);
    await expect(backupDatabase(live.file, path.join(dir, 'no-such-folder', 'b.db'))).rejects.toThrow(/folder of .* does not exist/);
  });
});

describe('restore', () => {
  it('replaces the database, moves the old one aside with its -wal, and leaves no stale -wal', async () => {
    const backupSource = await seededFile('source.db', 50);
    await backupSource.close();
    const backupFile = path.join(dir, 'backup.db');
    await backupDatabase(backupSource.file, backupFile);

    // The database to replace, left open-looking: it has a -wal with committed rows in it.
    const current = await seededFile('cascade.db', 300);
    current.sqlite.pragma('wal_autocheckpoint = 0');
    current.sqlite.exec("INSERT INTO meta (key, value) VALUES ('only_in_wal', 'yes')");
    fs.copyFileSync(current.file, path.join(dir, 'copy.db'));
    fs.copyFileSync(`${current.file}-wal`, path.join(dir, 'copy.db-wal'));
    await current.close();
    const target = path.join(dir, 'stale.db');
    fs.renameSync(path.join(dir, 'copy.db'), target);
    fs.renameSync(path.join(dir, 'copy.db-wal'), `${target}-wal`);

    const report = await restoreDatabase(backupFile, target);
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    expect(movementCount(target)).toBe(movementCount(backupFile));
    expect(await invariantsOf(target)).toEqual([]);
    // Nothing is lost: the replaced database, WAL included, is beside it.
    expect(report.previous).toMatch(/stale\.db\.before-restore-/);
    const previous = openDatabase(report.previous!);
    expect(previous.sqlite.prepare("SELECT value FROM meta WHERE key = 'only_in_wal'").get()).toEqual({ value: 'yes' });
    await previous.close();
    expect(fs.existsSync(markerOf(target, process.pid, 'restore'))).toBe(false);
  });

  it('refuses while a server uses the database, and proceeds once its pid is stale', async () => {
    const source = await seededFile('source.db', 50);
    await source.close();
    const target = path.join(dir, 'cascade.db');
    fs.copyFileSync(source.file, target);
    const before = fs.readFileSync(target);
    // A live process other than this one serves the database (the test runner's parent).
    markAsUser(target, process.ppid);
    await expect(restoreDatabase(source.file, target)).rejects.toThrow(ServerLockedError);
    await expect(restoreDatabase(source.file, target)).rejects.toThrow(`Process ${process.ppid} (a Cascade server)`);
    expect(fs.readFileSync(target)).toEqual(before);
    // A second server may share the database.
    acquireServerLock(target)();

    fs.rmSync(markerOf(target, process.ppid, 'server'));
    markAsUser(target, deadPid());
    const report = await restoreDatabase(source.file, target);
    expect(report.previous).not.toBeNull();
    expect(fs.existsSync(markerOf(target, process.pid, 'restore'))).toBe(false);
  });

  it('refuses a file that is not a sound Cascade database', async () => {
    const target = path.join(dir, 'cascade.db');
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database at all, just some text long enough to look like a file header');
    await expect(restoreDatabase(text, target)).rejects.toThrow(OperationRefusedError);
    const foreign = openDatabase(path.join(dir, 'foreign.db'));
    foreign.sqlite.exec('CREATE TABLE t (x)');
    await foreign.close();
    await expect(restoreDatabase(path.join(dir, 'foreign.db'), target)).rejects.toThrow(/is not a Cascade database \(no schema_migrations\)/);
    await expect(restoreDatabase(path.join(dir, 'missing.db'), target)).rejects.toThrow(/missing\.db does not exist/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('refuses a backup written by a newer Cascade, which the server could not start on', async () => {
    const newer = openDatabase(path.join(dir, 'newer.db'));
    migrate(newer.sqlite);
    newer.sqlite.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_from_the_future.sql', '2030-01-01')").run();
    await newer.close();
    const target = path.join(dir, 'cascade.db');
    await expect(restoreDatabase(path.join(dir, 'newer.db'), target)).rejects.toThrow(/written by a newer Cascade \(unknown migration 9999_from_the_future\.sql\)/);
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe('the server lock', () => {
  it('counts a killed server its parent has not reaped yet (a zombie) as gone', async () => {
    // sh starts `true` in the background, then becomes `sleep`, which never reaps it.
    const parent = spawn('sh', ['-c', 'true & echo $!; exec sleep 5']);
    const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (d) => resolve(String(d)))));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const file = path.join(dir, 'cascade.db');
    markAsUser(file, zombie);
    expect(serverUsing(file)).toBeNull();
    markAsUser(file, parent.pid!);
    expect(serverUsing(file)).toBe(parent.pid);
    parent.kill();
  });

  it('at boot, waits for a restore under way to finish, then marks the database as served', async () => {
    const file = path.join(dir, 'cascade.db');
    const restore = spawn('sleep', ['5']);
    markAsUser(file, restore.pid!, 'restore');
    await expect(waitForServerLock(file, 300)).rejects.toThrow(`Process ${restore.pid} (a restore)`);
    setTimeout(() => restore.kill(), 300);
    const release = await waitForServerLock(file, 5_000);
    expect(fs.existsSync(markerOf(file, process.pid, 'server'))).toBe(true);
    release();
    expect(fs.existsSync(markerOf(file, process.pid, 'server'))).toBe(false);
  });
});

describe('the commands', () => {
  it('print their usage and exit 2 on bad arguments', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const usage = 'npm run backup -- FILE [--force]';
      expect(parseCommand(usage, { files: 1, flags: ['force'] }, ['b.db', '--force'])).toEqual({ files: ['b.db'], flags: { force: true } });
      expect(() => parseCommand(usage, { files: 1, flags: ['force'] }, [])).toThrow('exit 2');
      expect(error).toHaveBeenLastCalledWith(`Expected 1 file name(s), got 0\nUsage: ${usage}`);
      expect(() => parseCommand(usage, { files: 1, flags: ['force'] }, ['b.db', '--yes'])).toThrow('exit 2');
      expect(error).toHaveBeenLastCalledWith(expect.stringMatching(/--yes[\s\S]*\nUsage: npm run backup -- FILE \[--force\]$/));
    } finally {
      exit.mockRestore();
      error.mockRestore();
    }
  });

  it('back up, and refuse a restore while the database is in use, saying what they did', async () => {
    const live = await seededFile('cascade.db', 50);
    await live.close();
    const backupFile = path.join(dir, 'nightly.db');
    const backup = cli('backup', [backupFile], live.file);
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up .*cascade\.db to .*nightly\.db in [\d.]+ s: .* MB, \d+ ledger movements, .*integrity check ok/);

    markAsUser(live.file, process.ppid);
    const refused = cli('restore', [backupFile], live.file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`Restore refused: Process ${process.ppid}`);
  });
});
