import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';

/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temp folder, pg_ctl on a free loopback port,
 * removed afterwards. One cluster per test file (usePostgresCluster), a fresh database per test.
 * The binaries are Debian's `postgresql` package (.ci/run installs it on a fresh machine).
 */

/** The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  const candidates: string[] = [];
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromConfig.status === 0) candidates.push(fromConfig.stdout.trim());
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => path.join(debian, version, 'bin')));
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

const BIN_DIR = postgresBinDir();
export const POSTGRES_MISSING = 'PostgreSQL is not installed (no initdb/pg_ctl from pg_config --bindir or /usr/lib/postgresql/*/bin): apt-get install postgresql';

/**
 * describe() for tests that need PostgreSQL. Without the binaries the tests are skipped locally,
 * saying why; under CI=true they fail instead, since CI must run both databases.
 */
export function describePostgres(name: string, body: () => void): void {
  if (BIN_DIR) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs PostgreSQL', () => {
        throw new Error(`${POSTGRES_MISSING} (CI=true: the PostgreSQL tests may not be skipped)`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${POSTGRES_MISSING}`);
    describe.skip(name, body);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  /** The cluster's `postgres` database, as superuser `postgres` (trust authentication). */
  url: string;
  /** A new empty database of the cluster; returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its files. */
  stop(): void;
  /** The same, removing the files without blocking the event loop (a cluster of many databases takes seconds). */
  stopInBackground(): Promise<void>;
}

export interface ClusterOptions {
  /**
   * Server settings (`-c name=value`) over the defaults below, e.g. `{ fsync: 'on' }` for a
   * benchmark that must pay for durability as SQLite does, or `{ max_connections: '400' }`.
   */
  settings?: Record<string, string>;
}

/** The tests' settings: the cluster is thrown away, durability buys nothing here. */
const THROWAWAY_SETTINGS: Record<string, string> = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

/**
 * Starts a cluster. initdb refuses to run as root, so when the tests run as root the cluster's
 * files belong to the `postgres` user and the commands run as it (runuser).
 */
export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  if (!BIN_DIR) throw new Error(POSTGRES_MISSING);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const run = (binary: string, args: string[]) => {
    const command = path.join(BIN_DIR, binary);
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${binary} failed: ${result.stderr || result.stdout}`);
  };
  const data = path.join(dir, 'data');
  /** Stops the server; false when there is nothing left to stop or remove. */
  const stopServer = () => {
    process.off('exit', stop);
    if (!fs.existsSync(dir)) return false;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Never started, or already gone: only the files remain to remove.
    }
    return true;
  };
  const stop = () => {
    if (stopServer()) fs.rmSync(dir, { recursive: true, force: true });
  };
  const stopInBackground = async () => {
    if (stopServer()) await fs.promises.rm(dir, { recursive: true, force: true });
  };
  // A test process that dies without its afterAll still leaves no server behind.
  process.once('exit', stop);
  try {
    // --no-sync: initdb's own files need not reach the disk, the cluster is thrown away.
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    const port = await freePort();
    const settings = Object.entries({ ...THROWAWAY_SETTINGS, ...options.settings }).map(([name, value]) => `-c ${name}=${value}`);
    const serverOptions = [`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, ...settings].join(' ');
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', serverOptions, 'start']);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let databases = 0;
    return {
      url,
      async createDatabase() {
        const name = `test_${++databases}`;
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      stop,
      stopInBackground,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

/**
 * One cluster for the calling test file: started before its tests, stopped and removed after.
 * Call inside describePostgres; `cluster()` is available from the tests on.
 */
export function usePostgresCluster(): () => PostgresCluster {
  let cluster: PostgresCluster | undefined;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  }, 30_000);
  afterAll(() => cluster?.stop());
  return () => {
    if (!cluster) throw new Error('the PostgreSQL cluster is not started (call usePostgresCluster inside describePostgres)');
    return cluster;
  };
}
