import { BlockList, isIP } from 'node:net';
import { ValidationError } from '../domain/errors.ts';

/**
 * Where a webhook may point (DESIGN §7): http(s) only, never at this machine or its private
 * network (an endpoint would otherwise let a login probe the server's neighbours), unless
 * WEBHOOK_ALLOW_PRIVATE=true. Literal addresses are refused when the endpoint is saved, and every
 * address a host name resolves to is checked again at each delivery, on the very connection that
 * is made (the resolver's answer is checked inside the socket's lookup): a name that resolves to a
 * public address when saved and to 127.0.0.1 later (DNS rebinding) is refused at delivery.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network, 0.0.0.0 included
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, 169.254.169.254 (cloud metadata) included
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast included
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 of any IPv4 address
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is private, loopback, link-local or otherwise not on the public Internet. IPv4-mapped IPv6 counts as its IPv4. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface TargetPolicy {
  /** WEBHOOK_ALLOW_PRIVATE: private and loopback targets allowed (tests, a LAN deployment). */
  allowPrivate: boolean;
}

const refusal = (message: string, code: string) => Object.assign(new ValidationError(message, { url: message }), { code });

/** The host of a URL without IPv6 brackets. */
export const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Checks an endpoint's URL when it is saved: 400 `invalid_url` unless http(s) with a host, 400
 * `private_address` for a literal private address or a local name (localhost).
 */
export function checkTargetUrl(raw: string, policy: TargetPolicy): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refusal('Expected an http:// or https:// URL', 'invalid_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refusal('Expected an http:// or https:// URL', 'invalid_url');
  if (!url.hostname) throw refusal('The URL has no host', 'invalid_url');
  if (url.username || url.password) throw refusal('The URL may not hold a user name or password', 'invalid_url');
  if (!policy.allowPrivate) {
    const host = bareHost(url).toLowerCase().replace(/\.$/, '');
    const local = host === 'localhost' || host.endsWith('.localhost');
    if (local || (isIP(host) !== 0 && isPrivateAddress(host))) {
      throw refusal('Private, loopback and link-local addresses are refused (WEBHOOK_ALLOW_PRIVATE)', 'private_address');
    }
  }
  return url.toString();
}
