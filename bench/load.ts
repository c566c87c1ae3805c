import autocannon, { type Request } from 'autocannon';
import type { Endpoint } from './endpoints.ts';

/** autocannon over loopback, and the floor → endpoint → floor sequence of issue 6. */

export const CONNECTIONS = 10;

export interface Measure {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface Target {
  port: number;
  endpoint: Endpoint;
  headers: Record<string, string>;
  /** Per-request path (renewals: each on its own subscription). */
  nextPath?: () => string;
}

export async function cannon({ port, endpoint, headers, nextPath }: Target, seconds: number, connections = CONNECTIONS): Promise<Measure> {
  const request: Request = { method: endpoint.method, path: endpoint.path, headers, body: endpoint.body };
  if (nextPath) request.setupRequest = (r) => ({ ...r, path: nextPath() });
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [request],
  });
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export interface Run {
  floorBefore: Measure;
  endpoint: Measure;
  floorAfter: Measure;
  /** endpoint req/s ÷ mean(floor before, floor after). */
  ratio: number;
}

/**
 * A warm-up of the endpoint, then floor, endpoint, floor, endpoint, floor…: each endpoint run is
 * framed by the floor runs just before and after it, and quoted against their mean.
 */
export async function measure(server: Target, floor: Target, runs: number, seconds: number, warmupSeconds: number): Promise<Run[]> {
  await cannon(server, warmupSeconds);
  const floors = [await cannon(floor, seconds)];
  const out: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const endpoint = await cannon(server, seconds);
    floors.push(await cannon(floor, seconds));
    const [floorBefore, floorAfter] = [floors[i], floors[i + 1]];
    out.push({ floorBefore, endpoint, floorAfter, ratio: endpoint.rps / ((floorBefore.rps + floorAfter.rps) / 2) });
  }
  return out;
}

export interface SharedRun {
  /** One measure a server, taken at the same time. */
  servers: Measure[];
  /** Their req/s summed. */
  rps: number;
}

/**
 * Several servers driven at once, CONNECTIONS shared between them: a warm-up, then `runs` runs in
 * which every server's autocannon starts together and lasts `seconds`.
 */
export async function measureTogether(servers: Target[], runs: number, seconds: number, warmupSeconds: number): Promise<SharedRun[]> {
  const connections = Math.max(1, Math.floor(CONNECTIONS / servers.length));
  const once = async (duration: number): Promise<SharedRun> => {
    const measures = await Promise.all(servers.map((server) => cannon(server, duration, connections)));
    return { servers: measures, rps: measures.reduce((sum, m) => sum + m.rps, 0) };
  };
  await once(warmupSeconds);
  const out: SharedRun[] = [];
  for (let i = 0; i < runs; i++) out.push(await once(seconds));
  return out;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
