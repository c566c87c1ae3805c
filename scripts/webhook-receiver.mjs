// A webhook receiver for Cascade, in plain Node (no dependency): copy it into your own system.
//   CASCADE_WEBHOOK_SECRET=whsec_… node scripts/webhook-receiver.mjs [port]
// It checks each event's Cascade-Signature on the raw body, logs the verified ones and answers 204
// (Cascade then never sends that event again), and answers 400 to anything unsigned or stale.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/** True when `rawBody` (a string) was signed by Cascade with `secret` less than 5 minutes ago. */
export function verifyCascadeSignature(rawBody, header, secret, nowSeconds = Math.floor(Date.now() / 1000)) {
  const parts = Object.fromEntries(String(header ?? '').split(',').map((part) => part.split('=')));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300) return false; // replayed or clock far off
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex'));
  const given = Buffer.from(String(parts.v1 ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** An HTTP server that hands each verified event to `onEvent` and refuses the others. */
export function createReceiver(secret, onEvent) {
  return createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      if (req.method !== 'POST' || !verifyCascadeSignature(rawBody, req.headers['cascade-signature'], secret)) {
        res.writeHead(400).end('bad signature');
        return;
      }
      onEvent(JSON.parse(rawBody));
      res.writeHead(204).end();
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.CASCADE_WEBHOOK_SECRET;
  if (!secret) {
    console.error('Set CASCADE_WEBHOOK_SECRET to the endpoint secret (whsec_…) Cascade showed once.');
    process.exit(2);
  }
  const port = Number(process.argv[2] ?? 4000);
  createReceiver(secret, (event) => {
    console.log(`verified ${event.type} ${event.id} (${event.created}): ${JSON.stringify(event.data).slice(0, 200)}`);
  }).listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}/`));
}
