import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

/**
 * npm run bench:startup: how long the server takes from spawn to its first 200 on /api/health/ready,
 * and its resident memory (VmRSS) right then; compiled (node dist/server/index.js) against the
 * TypeScript source through tsx (node --import tsx server/src/index.ts). Each start gets a new
 * database (so each one migrates, as a first start does); medians of RUNS starts.
 */
const RUNS = 5;
const RUNNERS = {
  compiled: ['dist/server/index.js'],
  tsx: ['--import', 'tsx', 'server/src/index.ts'],
} as const;

function readyStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health/ready', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

async function startOnce(args: readonly string[], port: number, dir: string): Promise<{ ms: number; rss: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATABASE_URL: `file:${dir}/startup-${port}.db`, DAILY_JOBS_AT: 'off', LOG_LEVEL: 'warn' };
  delete env.NODE_OPTIONS;
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      if ((await readyStatus(port)) === 200) break;
      if (performance.now() - started > 30_000) throw new Error(`${args.join(' ')}: not ready after 30 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return { ms: performance.now() - started, rss: rssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

console.log('building dist/server (npm run build:server)…');
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-server.ts'], { stdio: 'inherit' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-startup-'));
try {
  const results: Record<string, { ms: number; rss: number }[]> = { compiled: [], tsx: [] };
  let port = 41_000 + Math.floor(Math.random() * 10_000);
  // Alternated, so that the machine's background load falls on both alike.
  for (let run = 0; run < RUNS; run++) {
    for (const [name, args] of Object.entries(RUNNERS)) results[name].push(await startOnce(args, port++, dir));
  }
  console.log(`\nstart → first 200 of /api/health/ready, and RSS then (median of ${RUNS}, new database each time)`);
  for (const [name, runs] of Object.entries(results)) {
    const ms = runs.map((r) => r.ms);
    const rss = runs.map((r) => r.rss);
    console.log(
      `${name.padEnd(9)} ${median(ms).toFixed(0).padStart(5)} ms (${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)})` +
        `   ${median(rss).toFixed(0).padStart(4)} MB RSS (${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)})`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
