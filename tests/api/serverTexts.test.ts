import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { runReminders } from '../../server/src/domain/notifications.ts';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, type TestApp } from './scenario.ts';

/** Issue 12: text the server makes follows the reader's language: ledger reasons, notifications. */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let sub: number;

beforeEach(async () => {
  t = await testApp(TODAY);
  h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 50);
  // 13 seats, ends 2027-01-14: 49 days left.
  sub = (await addClient(t, { name: 'Librairie Blanc', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 13 }] })).subscriptionIds[0];
});

const login = async (email: string, locale: 'fr' | 'en') => {
  const cookie = await sessionCookieFor(t, { email, role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord });
  await request(t.server).put('/api/auth/locale').set('Cookie', cookie).send({ locale }).expect(200);
  return cookie;
};
const lastReason = async () => (await t.db.selectFrom('movements').select('reason').orderBy('id', 'desc').executeTakeFirstOrThrow()).reason;

describe('ledger reasons', () => {
  it('a seat addition reads "Ajout de 5 licences (13 → 18 utilisateurs)" in French, in English for an English login', async () => {
    const fr = await login('fr@nord.example', 'fr');
    await request(t.server).post(`/api/subscriptions/${sub}/seats`).set('Cookie', fr).send({ seats: 18 }).expect(200);
    expect(await lastReason()).toBe('Ajout de 5 licences (13 → 18 utilisateurs)');
    const en = await login('en@nord.example', 'en');
    await request(t.server).post(`/api/subscriptions/${sub}/seats`).set('Cookie', en).send({ seats: 19 }).expect(200);
    expect(await lastReason()).toBe('1 licence added (18 → 19 users)');
  });

  it('an undone renewal names its period as the reader writes dates', async () => {
    const fr = await login('fr@nord.example', 'fr');
    await request(t.server).post(`/api/subscriptions/${sub}/renew`).set('Cookie', fr).send({ years: 1 }).expect(201);
    await request(t.server).post(`/api/subscriptions/${sub}/undo-renewal`).set('Cookie', fr).expect(200);
    expect(await lastReason()).toBe('Annulation du renouvellement du 15/01/2027 au 14/01/2028');
  });
});

describe('notifications', () => {
  it('each manager’s reminder is in its own language, with plural rules', async () => {
    await login('fr@nord.example', 'fr');
    await login('en@nord.example', 'en');
    t.clock.set('2027-01-13');
    await runReminders(t.db, t.clock.today(), t.clock.now());
    const messages = await t.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.email', 'notifications.message'])
      .orderBy('users.email')
      .execute();
    expect(messages).toEqual([
      { email: 'en@nord.example', message: 'Librairie Blanc: the subscription ends on 2027-01-14 (in 1 day).' },
      { email: 'fr@nord.example', message: "Librairie Blanc : l'abonnement se termine le 14/01/2027 (dans 1 jour)." },
    ]);
  });
});
