import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/src/domain/auth/passwords.ts';
import { hashRecoveryCode, newRecoveryCodes } from '../../server/src/domain/auth/totp.ts';

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, and never stores it', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });
  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });
  it('refuses a stored value of another scheme', async () => {
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
  });
});

describe('recovery codes', () => {
  it('are ten distinct XXXX-XXXX codes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  });
  it('match however the user types them (case, spaces, dash)', () => {
    expect(hashRecoveryCode('7kq2 9xwd')).toBe(hashRecoveryCode('7KQ2-9XWD'));
  });
});
