import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { checkLedger, ledgerCounts, memoryOf } from './checks.ts';
import { parseDatabaseArgument, postgresCopyOf, USAGE, type PostgresDatabase } from './database.ts';
import { headersFor, READS, RENEWALS, renewPath, TARGETS, type DatabaseKind, type Endpoint } from './endpoints.ts';
import { RECOMPUTED_HEADERS, type Recorded } from './floor.ts';
import { request } from './http.ts';
import { cannon, CONNECTIONS, measure, measureTogether, median, type Target } from './load.ts';
import { cleanup, removeOnExit, start, stop } from './processes.ts';
import { rawReads, timeRaw } from './rawSql.ts';
import { timeRawRenewals } from './rawRenewal.ts';
import { render, summarise, type Check, type EndpointResult } from './report.ts';
import { adminSessionCookie, fillPools, renewableIds, seed, startServer } from './setup.ts';

/**
 * npm run bench [-- --database sqlite|postgres] (issue 6): seeds a temporary SQLite database (on
 * PostgreSQL, copies it into a throwaway cluster), starts the production server and drives it
 * over loopback with autocannon, each endpoint framed by a floor process answering the same bytes;
 * on SQLite, compares each read with its raw SQL in-process (renewals with the server's renewal run
 * in-process on a copy); then drives renewals on two servers of the same database at once; checks
 * the ledger after the renewals.
 * BENCH_CLIENTS, BENCH_SECONDS, BENCH_RUNS, BENCH_WARMUP, BENCH_TODAY override the defaults
 * (bench/results.json, or results-postgres.json, is only written by a run with the defaults).
 */

const parsed = parseDatabaseArgument(process.argv.slice(2));
if (typeof parsed === 'object') {
  console.error(`${parsed.error}\n${USAGE}`);
  process.exit(2);
}
const database: DatabaseKind = parsed;

const DEFAULTS = { clients: 100_000, seconds: 3, runs: 3, warmup: 1, today: '2026-11-26' };
const config = {
  clients: Number(process.env.BENCH_CLIENTS ?? DEFAULTS.clients),
  seconds: Number(process.env.BENCH_SECONDS ?? DEFAULTS.seconds),
  runs: Number(process.env.BENCH_RUNS ?? DEFAULTS.runs),
  warmup: Number(process.env.BENCH_WARMUP ?? DEFAULTS.warmup),
  today: process.env.BENCH_TODAY ?? DEFAULTS.today,
  connections: CONNECTIONS,
  database,
};
const fullRun = (Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]).every((k) => config[k] === DEFAULTS[k]);
const RESULTS_FILE = path.resolve(database === 'sqlite' ? 'bench/results.json' : `bench/results-${database}.json`);
const RAW_MS = 1000;

const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;
const log = (message: string) => console.error(`[bench ${elapsed().toFixed(0).padStart(3)} s] ${message}`);

/** A recorded answer, with its exact bytes and headers kept to compare the floor's with. */
type Reply = Recorded & { bytes: string; allHeaders: Record<string, unknown> };

/** The real server's answer to one request, kept for the floor (and checked to be a success). */
async function record(port: number, endpoint: Endpoint, headers: Record<string, string>, requestPath = endpoint.path): Promise<Reply> {
  const reply = await request(port, endpoint.method, requestPath, headers, endpoint.body);
  if (reply.status >= 300) throw new Error(`${endpoint.method} ${requestPath} answered ${reply.status}: ${reply.body}`);
  const kept = Object.entries(reply.headers).filter(([name]) => !RECOMPUTED_HEADERS.has(name));
  return {
    method: endpoint.method,
    route: endpoint.route,
    search: endpoint.path.includes('?') ? endpoint.path.slice(endpoint.path.indexOf('?')) : '',
    status: reply.status,
    headers: Object.fromEntries(kept.map(([k, v]) => [k, String(v)])),
    body: reply.body.toString(),
    bytes: reply.body.toString('base64'),
    allHeaders: reply.headers,
  };
}

/** The floor process, fed the recorded responses through a temporary JSON file. */
async function startFloor(dir: string, recorded: Reply[]) {
  const file = path.join(dir, 'floor.json');
  fs.writeFileSync(file, JSON.stringify(recorded.map(({ method, route, search, status, headers, body }) => ({ method, route, search, status, headers, body }))));
  const child = start(process.execPath, ['--import', 'tsx', 'bench/floor.ts', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The floor process exited with ${code}`)));
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return { child, port: (JSON.parse(first) as { port: number }).port };
}

/** Asserts the floor answers the same bytes and headers as the server did (Date aside). */
async function verifyFloor(port: number, endpoint: Endpoint, headers: Record<string, string>, recorded: Reply) {
  const reply = await request(port, endpoint.method, endpoint.path, headers, endpoint.body);
  const differences: string[] = [];
  if (reply.status !== recorded.status) differences.push(`status ${reply.status} ≠ ${recorded.status}`);
  if (reply.body.toString('base64') !== recorded.bytes) differences.push('body bytes differ');
  const ignore = new Set(['date', 'connection', 'keep-alive']);
  const names = new Set([...Object.keys(reply.headers), ...Object.keys(recorded.allHeaders)].filter((n) => !ignore.has(n)));
  for (const name of names) {
    if (String(reply.headers[name]) !== String(recorded.allHeaders[name])) differences.push(`header ${name}: ${reply.headers[name]} ≠ ${recorded.allHeaders[name]}`);
  }
  if (differences.length) log(`WARNING: floor differs from the server for ${endpoint.name}: ${differences.join('; ')}`);
}

async function main() {
  log(`config ${JSON.stringify(config)}${fullRun ? '' : ` (not the defaults: ${path.relative(process.cwd(), RESULTS_FILE)} will not be written)`}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-bench-'));
  removeOnExit(dir);
  const dbFile = path.join(dir, 'cascade.db');

  log(`seeding ${config.clients} clients…`);
  const seeded = await seed(dbFile, config.clients, config.today);
  log(`seeded in ${seeded.seconds.toFixed(1)} s (the seed reports ${seeded.reportedSeconds} s)`);

  const cookie = adminSessionCookie(dbFile);
  const renewIds = renewableIds(dbFile);
  // The raw SQL ceilings are SQLite in-process measurements: taken on SQLite only.
  const rawCeilings = database === 'sqlite';
  // A copy for the renewals' in-process ceiling, taken while no server has the file open.
  const rawRenewalCopy = rawCeilings ? path.join(dir, 'raw-renewals.db') : null;
  if (rawRenewalCopy) fs.copyFileSync(dbFile, rawRenewalCopy);
  let databaseUrl = `file:${dbFile}`;
  let databaseDescription = 'SQLite (WAL, synchronous=NORMAL)';
  let postgres: PostgresDatabase | null = null;
  if (database === 'postgres') {
    log('starting a throwaway PostgreSQL cluster and copying the seeded file into it…');
    postgres = await postgresCopyOf(dbFile);
    databaseUrl = postgres.url;
    databaseDescription = postgres.description;
    log(`${postgres.rows} rows copied in ${postgres.copySeconds.toFixed(1)} s to ${databaseDescription}`);
  }
  const targetsOf = TARGETS[database];
  const server = await startServer(databaseUrl, config.today, dir);
  log(`server pid ${server.child.pid} on 127.0.0.1:${server.port}`);

  // The very first dashboard request, before anything else has touched it.
  const firstDashboard = await request(server.port, 'GET', '/api/dashboard', headersFor(READS[4], cookie));
  if (firstDashboard.status !== 200) throw new Error(`First GET /api/dashboard answered ${firstDashboard.status}: ${firstDashboard.body}`);
  log(`first GET /api/dashboard: ${firstDashboard.ms.toFixed(1)} ms`);

  const poolActions = await fillPools(dbFile, server.port, cookie);
  log(`pools filled (${poolActions} grants and allocations through the API)`);

  let nextRenewal = 0;
  const takeRenewalId = () => renewIds[nextRenewal++ % renewIds.length];
  const endpoints = [...READS, RENEWALS];
  const recorded: Reply[] = [];
  for (const endpoint of READS) recorded.push(await record(server.port, endpoint, headersFor(endpoint, cookie)));
  recorded.push(await record(server.port, RENEWALS, headersFor(RENEWALS, cookie), renewPath(takeRenewalId())));

  const floor = await startFloor(dir, recorded);
  log(`floor pid ${floor.child.pid} on 127.0.0.1:${floor.port}`);
  for (const [i, endpoint] of endpoints.entries()) await verifyFloor(floor.port, endpoint, headersFor(endpoint, cookie), recorded[i]);

  const targets = (endpoint: Endpoint): [Target, Target] => {
    const headers = headersFor(endpoint, cookie);
    if (endpoint !== RENEWALS) return [{ port: server.port, endpoint, headers }, { port: floor.port, endpoint, headers }];
    let floorId = 0;
    return [
      { port: server.port, endpoint, headers, nextPath: () => renewPath(takeRenewalId()) },
      { port: floor.port, endpoint, headers, nextPath: () => renewPath(1 + (floorId++ % 1000)) },
    ];
  };
  await cannon(targets(READS[0])[1], config.warmup); // the floor's own warm-up

  const results: EndpointResult[] = [];
  const before = await ledgerCounts(databaseUrl);
  // SQLite: each read's raw SQL runs in this process, on the same file, just before its HTTP runs (same
  // data, server idle). On PostgreSQL the raw columns stay empty.
  const db = rawCeilings ? new Database(dbFile, { readonly: true }) : null;
  const raws: ReturnType<typeof rawReads> = db ? rawReads(db, config.today) : {};
  for (const endpoint of endpoints) {
    const rawSql = raws[endpoint.name];
    const raw =
      endpoint === RENEWALS
        ? rawRenewalCopy
          ? await timeRawRenewals(rawRenewalCopy, config.today, renewIds, RAW_MS)
          : null
        : rawSql
          ? { ...(await timeRaw(rawSql.run, RAW_MS)), sql: rawSql.sql }
          : null;
    const [real, bare] = targets(endpoint);
    const runs = await measure(real, bare, config.runs, config.seconds, config.warmup);
    const r = summarise(endpoint, targetsOf.endpoints[endpoint.kind], runs, raw);
    results.push(r);
    const rawNote = raw ? `, raw SQL ${raw.opsPerSecond.toFixed(0)} ops/s (p50 ${raw.p50.toFixed(2)} ms)` : '';
    log(`${endpoint.name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms, ${r.floorRatio.toFixed(2)}× floor (${r.floorRps.toFixed(0)} req/s)${rawNote}`);
  }
  db?.close();
  const memory = memoryOf(server.child.pid!);
  log(`server RSS ${memory.rssMb.toFixed(0)} MB (peak ${memory.peakMb.toFixed(0)} MB)`);
  await stop(floor.child);

  // Renewals on two servers of the same database at once, the connections shared between them.
  const second = await startServer(databaseUrl, config.today, dir);
  log(`second server pid ${second.child.pid} on 127.0.0.1:${second.port}`);
  const renewalHeaders = headersFor(RENEWALS, cookie);
  const twoServers = await measureTogether(
    [server, second].map(({ port }) => ({ port, endpoint: RENEWALS, headers: renewalHeaders, nextPath: () => renewPath(takeRenewalId()) })),
    config.runs,
    config.seconds,
    config.warmup,
  );
  const twoServersRps = median(twoServers.map((r) => r.rps));
  const twoServersMeasures = twoServers.flatMap((r) => r.servers);
  const twoServersFailed = twoServersMeasures.reduce((n, m) => n + m.non2xx + m.errors + m.timeouts, 0);
  log(`renewals on 2 servers: ${twoServersRps.toFixed(0)} req/s (${twoServers.map((r) => r.servers.map((m) => m.rps.toFixed(0)).join(' + ')).join(', ')})`);

  // Both servers stopped first (each finishes the requests it holds): autocannon ends a run with
  // renewals still in flight, and one committing between the check's counts would tell them apart.
  await Promise.all([stop(server.child), stop(second.child)]);
  const ledger = await checkLedger(databaseUrl, before);
  const renewals = results.at(-1)!;
  const renewed2xx = [...renewals.runs.map((r) => r.endpoint), ...twoServersMeasures].reduce((n, m) => n + m.requests - m.non2xx, 0);
  const total = elapsed();

  const checks: Check[] = [
    { name: 'seed (npm run seed, wall clock)', value: `${seeded.seconds.toFixed(1)} s`, target: '≤ 20 s', pass: seeded.seconds <= 20 },
    { name: 'first GET /api/dashboard (uncached)', value: `${firstDashboard.ms.toFixed(1)} ms`, target: '(reported)', pass: null },
    {
      name: 'server RSS after the benchmark',
      value: `${memory.rssMb.toFixed(0)} MB`,
      target: targetsOf.maxRssMb === null ? '(reported)' : `≤ ${targetsOf.maxRssMb} MB`,
      pass: targetsOf.maxRssMb === null ? null : memory.rssMb <= targetsOf.maxRssMb,
    },
    { name: 'server peak RSS (VmHWM)', value: `${memory.peakMb.toFixed(0)} MB`, target: '(reported)', pass: null },
    { name: 'pools with a negative balance', value: String(ledger.negativePools), target: '0 (no oversell)', pass: ledger.negativePools === 0 },
    { name: 'pools whose balance ≠ their ledger', value: `${ledger.mismatchedPools} of ${ledger.pools}`, target: '0 (ledger invariant)', pass: ledger.mismatchedPools === 0 },
    {
      name: 'renewal terms = consume movements',
      value: `${ledger.renewalTerms} = ${ledger.consumeMovements}`,
      target: `equal, ≥ ${renewed2xx} (2xx counted)`,
      pass: ledger.renewalTerms === ledger.consumeMovements && ledger.renewalTerms >= renewed2xx,
    },
    { name: 'renewals/s, 1 server', value: `${renewals.rps.toFixed(0)} req/s`, target: `(reported: the table's, ${CONNECTIONS} connections)`, pass: null },
    {
      name: 'renewals/s, 2 servers',
      value: `${twoServersRps.toFixed(0)} req/s${twoServersFailed ? ` (${twoServersFailed} non-2xx, errors or timeouts)` : ''}`,
      target: `(reported: ${os.cpus().length} CPUs, 2 × ${CONNECTIONS / 2} connections)`,
      pass: null,
    },
    { name: 'subscriptions renewed (distinct ids)', value: `${Math.min(nextRenewal, renewIds.length)} of ${renewIds.length}`, target: 'each on its own id', pass: nextRenewal <= renewIds.length },
    { name: 'total run time', value: `${total.toFixed(0)} s`, target: '< 300 s', pass: total < 300 },
  ];

  console.log(`\nCascade benchmark on ${databaseDescription}: ${config.clients} clients, ${config.connections} connections, ${config.runs} runs × ${config.seconds} s (medians), ${os.cpus().length} CPUs, Node ${process.versions.node}`);
  if (database !== 'sqlite') console.log('The raw SQL columns are left out: they are SQLite in-process measurements, not comparable with a PostgreSQL server.');
  console.log('');
  console.log(render(results, checks));
  const failures = [...results.filter((r) => !r.pass).map((r) => r.name), ...checks.filter((c) => c.pass === false).map((c) => c.name)];
  console.log(`\n${failures.length ? `Targets failing: ${failures.join('; ')}` : 'All targets met.'}`);
  // Exit status 1 when a target fails (as when the benchmark itself fails), 0 when all are met.
  if (failures.length) process.exitCode = 1;

  if (fullRun) {
    const json = {
      date: new Date().toISOString(),
      config,
      database: databaseDescription,
      machine: { cpus: os.cpus().length, node: process.versions.node },
      seed: seeded,
      copyToPostgres: postgres && { seconds: postgres.copySeconds, rows: postgres.rows },
      firstDashboardMs: firstDashboard.ms,
      memory,
      ledger,
      results,
      twoServers: { rps: twoServersRps, runs: twoServers },
      checks,
      failures,
      totalSeconds: total,
    };
    fs.writeFileSync(RESULTS_FILE, JSON.stringify(json, null, 2) + '\n');
    console.log(`Written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  }
  console.log(`Total time: ${total.toFixed(0)} s`);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
