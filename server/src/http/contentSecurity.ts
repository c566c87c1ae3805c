import { createHash } from 'node:crypto';
import type { HelmetOptions } from 'helmet';

/**
 * helmet's Content-Security-Policy (scripts from this origin only), plus the hashes of index.html's
 * inline scripts: the static shell's, which must run before the first paint (scripts/staticShell.ts).
 * No HTTPS upgrade: the console is also served over plain HTTP on a LAN or localhost.
 */
export function contentSecurityPolicy(indexHtml: string | null): HelmetOptions['contentSecurityPolicy'] {
  const inline = indexHtml ? [...indexHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, code]) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`) : [];
  return { directives: { upgradeInsecureRequests: null, scriptSrc: ["'self'", ...inline] } };
}
