import type { Endpoint, EndpointTarget } from './endpoints.ts';
import { median, type Run } from './load.ts';
import type { RawMeasure } from './rawSql.ts';

/** The results table (printed, and written as JSON) with each target's pass/fail. */

export interface EndpointResult {
  name: string;
  method: string;
  path: string;
  /** Medians over the runs. */
  rps: number;
  p50: number;
  p99: number;
  floorRps: number;
  floorRatio: number;
  raw: (RawMeasure & { sql: string[] }) | null;
  /** Endpoint req/s ÷ raw SQL ops/s (the raw SQL single-threaded, in-process). */
  rawRatio: number | null;
  totals: { requests: number; non2xx: number; errors: number; timeouts: number };
  target: string;
  pass: boolean;
  runs: Run[];
}

/** "≥0.5× floor, p99 ≤50 ms, all 2xx", with only the parts that `target` sets. */
const describeTarget = ({ minFloorRatio, maxP99Ms }: EndpointTarget) =>
  [minFloorRatio !== undefined && `≥${minFloorRatio}× floor`, maxP99Ms !== undefined && `p99 ≤${maxP99Ms} ms`, 'all 2xx'].filter(Boolean).join(', ');

export function summarise(endpoint: Endpoint, target: EndpointTarget, runs: Run[], raw: EndpointResult['raw']): EndpointResult {
  const rps = median(runs.map((r) => r.endpoint.rps));
  const p99 = median(runs.map((r) => r.endpoint.p99));
  const floorRatio = median(runs.map((r) => r.ratio));
  const sum = (key: 'requests' | 'non2xx' | 'errors' | 'timeouts') => runs.reduce((n, r) => n + r.endpoint[key], 0);
  const totals = { requests: sum('requests'), non2xx: sum('non2xx'), errors: sum('errors'), timeouts: sum('timeouts') };
  const clean = totals.non2xx === 0 && totals.errors === 0 && totals.requests > 0;
  const passRatio = target.minFloorRatio === undefined || floorRatio >= target.minFloorRatio;
  const passP99 = target.maxP99Ms === undefined || p99 <= target.maxP99Ms;
  return {
    name: endpoint.name,
    method: endpoint.method,
    path: endpoint.path,
    rps,
    p50: median(runs.map((r) => r.endpoint.p50)),
    p99,
    floorRps: median(runs.map((r) => (r.floorBefore.rps + r.floorAfter.rps) / 2)),
    floorRatio,
    raw,
    rawRatio: raw ? rps / raw.opsPerSecond : null,
    totals,
    target: describeTarget(target),
    pass: passRatio && passP99 && clean,
    runs,
  };
}

export interface Check {
  name: string;
  value: string;
  target: string;
  pass: boolean | null;
}

const fixed = (n: number, digits = 0) => n.toFixed(digits);
const cell = (text: string, width: number, right: boolean) => (right ? text.padStart(width) : text.padEnd(width));

function table(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => cell(c, widths[i], rightAligned[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const verdict = (pass: boolean | null) => (pass === null ? '' : pass ? 'PASS' : 'FAIL');

export function render(results: EndpointResult[], checks: Check[]): string {
  const header = ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'floor req/s', '×floor', 'raw SQL ops/s', 'raw p50 ms', '×raw', 'requests', 'non2xx', 'errors', 'timeouts', 'target', ''];
  const rows = results.map((r) => [
    r.name,
    fixed(r.rps),
    fixed(r.p50),
    fixed(r.p99),
    fixed(r.floorRps),
    fixed(r.floorRatio, 2),
    r.raw ? fixed(r.raw.opsPerSecond) : '—',
    r.raw ? fixed(r.raw.p50, 3) : '—',
    r.rawRatio !== null ? fixed(r.rawRatio, 3) : '—',
    String(r.totals.requests),
    String(r.totals.non2xx),
    String(r.totals.errors),
    String(r.totals.timeouts),
    r.target,
    verdict(r.pass),
  ]);
  const right = header.map((_, i) => i >= 1 && i <= 12);
  const checkRows = checks.map((c) => [c.name, c.value, c.target, verdict(c.pass)]);
  return `${table(header, rows, right)}\n\n${table(['check', 'value', 'target', ''], checkRows, [false, true, false, false])}`;
}
