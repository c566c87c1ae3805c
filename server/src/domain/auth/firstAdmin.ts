import { sql } from 'kysely';
import { z } from 'zod';
import { transact, type Db } from '../../data/transact.ts';
import { SYSTEM_SCOPE } from '../access.ts';
import { createUser } from './users.ts';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/contract.ts';
import { hashPassword } from './passwords.ts';

const FirstAdmin = z.object({
  email: z.email({ error: 'ADMIN_EMAIL must be an email address' }),
  password: z.string().min(MIN_PASSWORD_LENGTH, `ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`),
});

/**
 * While the database has no login, ADMIN_EMAIL and ADMIN_PASSWORD create the first admin
 * (publisher staff). Returns what happened, for the boot log; a bad value throws with its name.
 */
export async function ensureFirstAdmin(
  db: Db,
  env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string },
  now: string,
): Promise<'exists' | 'created' | 'missing'> {
  const { n } = await db.selectFrom('users').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (Number(n) > 0) return 'exists';
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) return 'missing';
  const parsed = FirstAdmin.safeParse({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const passwordHash = await hashPassword(parsed.data.password);
  await transact(db, (tx) =>
    createUser(tx, { actor: 'boot', scope: SYSTEM_SCOPE, today: now.slice(0, 10), now }, {
      email: parsed.data.email.toLowerCase(),
      name: 'Administrateur',
      role: 'admin',
      passwordHash,
    }),
  );
  return 'created';
}
