import request from 'supertest';
import { grantPartner } from '../api/scenario.ts';
import { buildHierarchy } from './fixtures.ts';
import { sessionCookieFor, testApp } from './testApp.ts';

/**
 * The logins of an order's parties on the test hierarchy (partners Alpha and Beta, Alpha's resellers
 * Nord and Sud), and requests as each of them; the app's default login is an admin.
 */
export async function billingParties(t: Awaited<ReturnType<typeof testApp>>, h: Awaited<ReturnType<typeof buildHierarchy>>) {
  const cookie = {
    alpha: await sessionCookieFor(t, { email: 'p@alpha.test', role: 'partner', partner_id: h.partners.alpha }),
    beta: await sessionCookieFor(t, { email: 'p@beta.test', role: 'partner', partner_id: h.partners.beta }),
    nord: await sessionCookieFor(t, { email: 'r@nord.test', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord }),
    sud: await sessionCookieFor(t, { email: 'r@sud.test', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaSud }),
  };
  return (who: keyof typeof cookie) => ({
    get: (url: string) => request(t.app).get(url).set('Cookie', cookie[who]),
    post: (url: string, body: object = {}) => request(t.app).post(url).set('Cookie', cookie[who]).send(body),
  });
}

export type Party = 'alpha' | 'beta' | 'nord' | 'sud';

/**
 * The billing tests' common start: the test hierarchy with its parties' logins, TBox listed at
 * 40,05 € from `today`, and 100 TBox granted to Alpha (enough for Nord's orders).
 */
export async function billingScenario(today: string) {
  const t = await testApp(today);
  const h = await buildHierarchy(t);
  const as = await billingParties(t, h);
  await request(t.app).post('/api/prices').send({ product_id: h.products.tbox, unit_price_cents: 4_005, valid_from: today }).expect(201);
  await grantPartner(t, h.partners.alpha, h.products.tbox, 100);
  return { t, h, as };
}
