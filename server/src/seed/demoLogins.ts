import { transact, type Db } from '../data/transact.ts';
import { SYSTEM_SCOPE } from '../domain/access.ts';
import { hashPassword } from '../domain/auth/passwords.ts';
import { createUser } from '../domain/auth/users.ts';

/** The demo's logins, one per role, on the seeded organisations (first partner, its first reseller). */
export const DEMO_LOGINS = [
  { email: 'admin@cascade.example', password: 'Cascade-Admin-2026', name: 'Camille Admin', role: 'admin' },
  { email: 'partenaire@alliance.example', password: 'Cascade-Partenaire-2026', name: 'Paul Partenaire', role: 'partner' },
  { email: 'revendeur@bureautique-lyon.example', password: 'Cascade-Revendeur-2026', name: 'Rose Revendeuse', role: 'reseller' },
] as const;

export async function addDemoLogins(db: Db, now: string): Promise<void> {
  const partner = await db.selectFrom('partners').select('id').orderBy('id').executeTakeFirstOrThrow();
  const reseller = await db.selectFrom('resellers').select('id').where('partner_id', '=', partner.id).orderBy('id').executeTakeFirstOrThrow();
  const ctx = { actor: 'demo', scope: SYSTEM_SCOPE, today: now.slice(0, 10), now };
  for (const login of DEMO_LOGINS) {
    const passwordHash = await hashPassword(login.password);
    await transact(db, (tx) =>
      createUser(tx, ctx, {
        email: login.email,
        name: login.name,
        role: login.role,
        partner_id: login.role === 'admin' ? null : partner.id,
        reseller_id: login.role === 'reseller' ? reseller.id : null,
        passwordHash,
      }),
    );
  }
}

export const demoLoginsText = () =>
  DEMO_LOGINS.map((l) => `  ${l.role.padEnd(8)} ${l.email.padEnd(36)} ${l.password}`).join('\n');
