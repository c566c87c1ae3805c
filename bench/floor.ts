import fs from 'node:fs';
import express, { type RequestHandler } from 'express';

/**
 * The floor: a bare Express process answering each benchmarked request with the very bytes and
 * headers the real server gave it, from memory. Run as `node --import tsx bench/floor.ts <file>`,
 * where the file holds the recorded responses; prints {"port": N} once listening on 127.0.0.1.
 * Its throughput is what Express and the loopback cost; the ratio to it is the application's own work.
 */

export interface Recorded {
  method: 'GET' | 'POST';
  route: string;
  /** Query string as sent ('' for none); routes shared by several endpoints tell them apart by it. */
  search: string;
  status: number;
  headers: Record<string, string>;
  /** The body's text exactly as the server sent it: the floor sends it as it is, never serialising again. */
  body: string;
}

/** Headers the floor must not replay: per-connection ones, and those Express recomputes from the body. */
export const RECOMPUTED_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'etag']);

const searchOf = (url: string) => {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at);
};

function main() {
  const recorded = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Recorded[];
  const app = express();
  app.disable('x-powered-by');
  const routes = new Map<string, Map<string, Recorded>>();
  for (const r of recorded) {
    const key = `${r.method} ${r.route}`;
    if (!routes.has(key)) routes.set(key, new Map());
    routes.get(key)!.set(r.search, r);
  }
  for (const [key, bySearch] of routes) {
    const [method, route] = key.split(' ');
    const answer: RequestHandler = (req, res) => {
      const r = bySearch.get(searchOf(req.originalUrl)) ?? bySearch.values().next().value!;
      // A prepared string (res.json would serialise on every request and make the floor slower than it is).
      res.status(r.status).set(r.headers).send(r.body);
    };
    // A write's JSON body is parsed, as the real API does for every request.
    if (method === 'POST') app.post(route, express.json({ limit: '100kb' }), answer);
    else app.get(route, answer);
  }
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
  process.on('SIGINT', () => server.close(() => process.exit(0)));
}

if (process.argv[1]?.endsWith('floor.ts')) main();
