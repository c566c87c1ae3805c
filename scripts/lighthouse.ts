import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config, type Flags } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { DEMO_LOGINS } from '../server/src/seed/demoLogins.ts';

/**
 * npm run lighthouse [-- --runs N] [--reports DIR]: Lighthouse 12.2.3 (Debian's Chromium) on the demo, logged in as
 * the demo reseller, on the dashboard and the to-renew list, in the mobile (Lighthouse's default: slow
 * 4G, 4× CPU slowdown) and desktop presets. Prints the medians, stores them in
 * docs/performance/lighthouse.json, and exits 1 when a target is missed.
 */
const TARGETS = { mobile: 0.9, desktop: 0.95 } as const;
const PAGES = [
  { name: 'dashboard', path: '/' },
  { name: 'to-renew', path: '/#/to-renew' },
] as const;
const PRESETS = ['mobile', 'desktop'] as const;
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const OUTPUT = path.resolve('docs/performance/lighthouse.json');

// --reports DIR keeps each run's full Lighthouse report (JSON) there, to see what a figure is made of.
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' }, output: { type: 'string', default: OUTPUT }, reports: { type: 'string' } } });
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs takes a whole number ≥ 1');
  process.exit(2);
}

/** Newest modification time under a folder (or of a file), in ms. */
function newest(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

/** The build is redone when it is missing or older than a source of the console or the server. */
function buildIfNeeded() {
  const built = ['dist/public/index.html', 'dist/server/cli/demo.js'];
  const sources = ['client', 'server/src', 'shared', 'vite.config.ts', 'package-lock.json'];
  const stale = built.some((f) => !fs.existsSync(f)) || Math.max(...sources.map(newest)) > Math.min(...built.map(newest));
  if (!stale) return;
  console.log('Building (npm run build)…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

async function waitReady(base: string, demo: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (demo.exitCode !== null) throw new Error(`the demo server exited (${demo.exitCode})`);
    try {
      if ((await fetch(`${base}/api/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the demo server was not ready within 2 minutes');
}

/** The demo reseller's session cookie, from the API's login. */
async function resellerCookie(base: string): Promise<string> {
  const reseller = DEMO_LOGINS.find((l) => l.role === 'reseller')!;
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: reseller.email, password: reseller.password }),
  });
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!response.ok || !cookie) throw new Error(`the demo reseller's login failed: ${response.status} ${await response.text()}`);
  return cookie;
}

interface Run { score: number; fcp: number; lcp: number; tbt: number; cls: number }

/** One Lighthouse run in a fresh Chromium; a run whose trace Lighthouse could not record is retried twice. */
async function measure(url: string, preset: (typeof PRESETS)[number], cookie: string, attempt = 1): Promise<Run> {
  try {
    return await measureOnce(url, preset, cookie);
  } catch (error) {
    if (attempt >= 3) throw error;
    console.warn(`\n${(error as Error).message}: again`);
    return measure(url, preset, cookie, attempt + 1);
  }
}

async function measureOnce(url: string, preset: (typeof PRESETS)[number], cookie: string): Promise<Run> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const flags: Flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], extraHeaders: { Cookie: cookie } };
    const result = await lighthouse(url, flags, preset === 'desktop' ? (desktopConfig as Config) : undefined);
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse gave no result for ${url}`);
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (args.reports) {
      fs.mkdirSync(args.reports, { recursive: true });
      const name = `${new URL(url).hash.replace(/\W/g, '') || 'dashboard'}-${preset}-${Date.now()}.json`;
      fs.writeFileSync(path.join(args.reports, name), JSON.stringify(lhr));
    }
    const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    return {
      score: lhr.categories.performance.score ?? 0,
      fcp: metric('first-contentful-paint'),
      lcp: metric('largest-contentful-paint'),
      tbt: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
    };
  } finally {
    chrome.kill();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

buildIfNeeded();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-lighthouse-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// The console is served from a copy, so a rebuild during the measure does not change what is measured.
fs.cpSync('dist/public', path.join(dir, 'public'), { recursive: true });
const demo = spawn(process.execPath, ['dist/server/cli/demo.js'], {
  env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${path.join(dir, 'demo.db')}`, STATIC_DIR: path.join(dir, 'public'), LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let failed = false;
try {
  await waitReady(base, demo);
  const cookie = await resellerCookie(base);
  const results = [];
  for (const page of PAGES) {
    for (const preset of PRESETS) {
      const all: Run[] = [];
      for (let i = 0; i < runs; i++) {
        all.push(await measure(`${base}${page.path}`, preset, cookie));
        process.stdout.write(`\r${page.name} ${preset}: ${i + 1}/${runs}`);
      }
      process.stdout.write('\n');
      const pick = (k: keyof Run) => median(all.map((r) => r[k]));
      const target = TARGETS[preset];
      results.push({
        page: page.name,
        preset,
        runs: all.length,
        median: { score: pick('score'), fcp_ms: Math.round(pick('fcp')), lcp_ms: Math.round(pick('lcp')), tbt_ms: Math.round(pick('tbt')), cls: Number(pick('cls').toFixed(3)) },
        scores: all.map((r) => r.score),
        target,
        met: pick('score') >= target,
      });
    }
  }
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`\nMedians of ${runs} run(s), Lighthouse 12.2.3, ${CHROME_PATH}; load average ${load}`);
  console.table(
    results.map((r) => ({
      page: r.page,
      preset: r.preset,
      score: r.median.score,
      'FCP (s)': (r.median.fcp_ms / 1000).toFixed(2),
      'LCP (s)': (r.median.lcp_ms / 1000).toFixed(2),
      'TBT (ms)': r.median.tbt_ms,
      CLS: r.median.cls,
      target: `≥ ${r.target}`,
      met: r.met ? 'yes' : 'NO',
    })),
  );
  fs.mkdirSync(path.dirname(args.output), { recursive: true });
  fs.writeFileSync(args.output, `${JSON.stringify({ measured_at: new Date().toISOString(), lighthouse: '12.2.3', load_average: load, runs, results }, null, 2)}\n`);
  console.log(`Stored in ${path.relative(process.cwd(), args.output)}`);
  const missed = results.filter((r) => !r.met);
  if (missed.length) {
    failed = true;
    console.error(`Target missed: ${missed.map((r) => `${r.page} ${r.preset} ${r.median.score} < ${r.target}`).join(', ')}`);
  } else {
    console.log(`Targets met: mobile ≥ ${TARGETS.mobile}, desktop ≥ ${TARGETS.desktop} on every page.`);
  }
} finally {
  demo.kill('SIGTERM');
  await new Promise((r) => demo.once('exit', r));
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
