import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from './browser.ts';

/** The built console as the server sends it: precompressed assets, cached for a year; index.html asked again each time. */
let server: Awaited<ReturnType<typeof startDemoServer>>;
beforeAll(async () => {
  server = await startDemoServer('2026-11-26');
});
afterAll(() => server?.stop());

const get = (url: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });

/** The largest script index.html loads (the entry itself is a few KB, where compression gains less). */
const largestScript = () => {
  const html = fs.readFileSync('dist/public/index.html', 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+)"/g)].map((m) => m[1]);
  return scripts.sort((a, b) => fs.statSync(path.join('dist/public', b)).size - fs.statSync(path.join('dist/public', a)).size)[0];
};

describe('the built console over HTTP', () => {
  it('sends the Brotli file built next to a script to a browser that accepts br, cached for a year', async () => {
    const src = largestScript();
    const original = fs.readFileSync(path.join('dist/public', src));
    const res = await get(`${server.url}${src}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The precompressed file itself, not compressed again on the way.
    expect(res.body.equals(fs.readFileSync(path.join('dist/public', `${src}.br`)))).toBe(true);
    expect(brotliDecompressSync(res.body).equals(original)).toBe(true);
    expect(res.body.length).toBeLessThan(original.length / 3);
  });

  it('sends the gzip file to a browser without Brotli, and the plain file to a client that accepts no encoding', async () => {
    const src = largestScript();
    const original = fs.readFileSync(path.join('dist/public', src));
    const gzip = await get(`${server.url}${src}`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);
    const plain = await get(`${server.url}${src}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it('asks the browser to check index.html again on every load (it names the current assets)', async () => {
    for (const url of ['/', '/index.html']) {
      const res = await get(`${server.url}${url}`, { 'Accept-Encoding': 'gzip, br' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-type']).toMatch(/text\/html/);
    }
  });

  it('answers 404 for an asset that is not there (not the console page)', async () => {
    const res = await get(`${server.url}/assets/missing-0000.js`, { 'Accept-Encoding': 'br' });
    expect(res.status).toBe(404);
  });
});
