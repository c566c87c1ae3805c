import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkTargetUrl, isPrivateAddress } from '../../server/src/webhooks/targets.ts';
import { MAX_RETRY_DELAY_MS, retryDelay } from '../../server/src/webhooks/worker.ts';
import { signature } from '../../server/src/webhooks/send.ts';

describe('webhook targets', () => {
  it('tells private, loopback, link-local and metadata addresses from public ones, IPv4-mapped IPv6 included', () => {
    for (const address of ['127.0.0.1', '10.0.0.8', '172.31.255.255', '192.168.0.1', '169.254.169.254', '0.0.0.0', '100.64.1.1', '::1', '::', 'fd12::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it('lets private targets through when the setting allows them, never other schemes', () => {
    expect(checkTargetUrl('http://127.0.0.1:4000/hook', { allowPrivate: true })).toBe('http://127.0.0.1:4000/hook');
    expect(() => checkTargetUrl('file:///etc/passwd', { allowPrivate: true })).toThrow(/http/);
    expect(() => checkTargetUrl('http://127.0.0.1:4000/hook', { allowPrivate: false })).toThrow(/Private/);
  });
});

describe('webhook retries and signature', () => {
  it('doubles the delay from the base at each failure, capped at 12 hours', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(30_000, n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelay(30_000, 40)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelay(30_000, 1, 1.2)).toBe(36_000);
  });

  it('signs "t.body" with HMAC-SHA256 of the secret', () => {
    const expected = createHmac('sha256', 'whsec_test').update('1700000000.{"a":1}').digest('hex');
    expect(signature('whsec_test', 1_700_000_000, '{"a":1}')).toBe(`t=1700000000,v1=${expected}`);
    expect(signature('whsec_other', 1_700_000_000, '{"a":1}')).not.toContain(expected);
  });
});
