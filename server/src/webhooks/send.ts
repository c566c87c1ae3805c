import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { bareHost, isPrivateAddress, type TargetPolicy } from './targets.ts';

/** `Cascade-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (DESIGN §7). */
export function signature(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/** The HTTP outcome of one attempt: a status (any) and the start of the answer, or no answer at all. */
export type Attempt = { status: number; snippet: string } | { status: null; error: string };

const SNIPPET_CHARS = 500;

/** Resolves like the system does, and fails the connection when any address is private (DNS rebinding). */
const guardedLookup = ((hostname: string, options: LookupOptions, callback: (error: Error | null, address?: string | LookupAddress[], family?: number) => void) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(Object.assign(new Error(`${hostname} resolves to a private address (${refused.address})`), { code: 'EPRIVATE' }));
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}) as unknown as LookupFunction;

/** POSTs a signed JSON body; never throws (a refused, unreachable or slow target is an attempt without a status). */
export function postEvent(target: string, body: string, headers: Record<string, string>, options: TargetPolicy & { timeoutMs: number }): Promise<Attempt> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return resolve({ status: null, error: 'Invalid URL' });
    }
    const host = bareHost(url);
    if (!options.allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
      return resolve({ status: null, error: `${host} is a private address` });
    }
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'Cascade-Webhooks/1', ...headers },
      ...(options.allowPrivate ? {} : { lookup: guardedLookup }),
    });
    // One deadline for the whole exchange: connecting, sending and reading the answer.
    const deadline = setTimeout(() => request.destroy(new Error(`No answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    const finish = (attempt: Attempt) => {
      clearTimeout(deadline);
      resolve(attempt);
    };
    request.on('error', (error) => finish({ status: null, error: error.message.slice(0, SNIPPET_CHARS) }));
    request.on('response', (response) => {
      let snippet = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (snippet.length < SNIPPET_CHARS) snippet += chunk.slice(0, SNIPPET_CHARS - snippet.length);
      });
      response.on('end', () => finish({ status: response.statusCode ?? 0, snippet }));
      response.on('error', (error) => finish({ status: response.statusCode ?? 0, snippet: error.message.slice(0, SNIPPET_CHARS) }));
    });
    request.end(body);
  });
}
