import request from 'supertest';
import { expect } from 'vitest';
import { grantLicenses } from '../../server/src/domain/allocations.ts';
import { addClient, buildHierarchy, fundReseller, ledgerBalances } from '../helpers/fixtures.ts';
import { testApp } from '../helpers/testApp.ts';

/** Every API test file pins the same day. */
export const TODAY = '2026-11-26';

export type TestApp = Awaited<ReturnType<typeof testApp>>;

/** Grants licenses straight to a partner's own pool (publisher → partner), through the domain. */
export async function grantPartner(t: TestApp, partnerId: number, productId: number, quantity: number) {
  await t.db.transaction().execute((tx) => grantLicenses(tx, t.ctx(), { product_id: productId, partner_id: partnerId, quantity }));
}

/** Each pool's balance equals the sum of its ledger rows (DESIGN §2 invariant). */
export async function expectLedgerConsistent(t: TestApp) {
  const rows = await ledgerBalances(t);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row, `pool ${row.id}`).toEqual({ id: row.id, balance: row.balance, ledger: row.balance });
}

/** The list query string of ra-data-simple-rest. */
export function listQuery(params: { sort?: unknown; range?: unknown; filter?: unknown }) {
  const query: Record<string, string> = {};
  if (params.sort !== undefined) query.sort = JSON.stringify(params.sort);
  if (params.range !== undefined) query.range = JSON.stringify(params.range);
  if (params.filter !== undefined) query.filter = JSON.stringify(params.filter);
  return query;
}

/** Parses `Content-Range: R start-end/total`. */
export function contentRange(header: string | undefined) {
  const match = /^(\w+) (\d+)-(\d+)\/(\d+)$/.exec(header ?? '');
  if (!match) throw new Error(`Content-Range is not "R start-end/total": ${header}`);
  return { resource: match[1], start: Number(match[2]), end: Number(match[3]), total: Number(match[4]) };
}

/**
 * One client per status, relative to TODAY = 2026-11-26 (window: 3 months, so "expiring" means
 * an end before 2027-02-26):
 * - Atelier Dupont (reseller Alpha Nord): TBox 2026-01-15 1y ×2 (ends 2027-01-14, expiring) and
 *   TSend 2025-02-10 2y ×1 (ends 2027-02-09, expiring)
 * - Boulangerie Martin (Alpha Nord): TBox 2025-06-01 1y ×1 (ended 2026-05-31, expired)
 * - Cabinet Leroy (Alpha Sud): TBox 2026-06-01 1y ×3 (ends 2027-05-31, active)
 * - Domaine Moreau (partner Beta itself): TSend 2025-12-01 1y ×4 (ends 2026-11-30), renewed 1y → renewed
 * - Entreprise Garnier (Beta Est): TSend 2027-03-01 1y ×5 (ends 2028-02-29, not started)
 * - Fromagerie Petit (Alpha Nord): TBox 2026-02-01 1y ×1 (ends 2027-01-31), cancelled by PUT
 *
 * Pools: Alpha Nord TBox 50 → 46, Alpha Nord TSend 50 → 48, Alpha Sud TBox 50 → 47,
 * Beta Est TSend 50 → 45, Beta TSend 40 → 32 (4 + 4 for Domaine Moreau), Alpha TBox 0, Alpha TSend 0.
 */
export async function statusScenario(t: TestApp) {
  const h = await buildHierarchy(t);
  const { tbox, tsend } = h.products;
  const { beta } = h.partners;
  const { alphaNord, alphaSud, betaEst } = h.resellers;
  await fundReseller(t, alphaNord, tbox, 50);
  await fundReseller(t, alphaNord, tsend, 50);
  await fundReseller(t, alphaSud, tbox, 50);
  await fundReseller(t, betaEst, tsend, 50);
  await grantPartner(t, beta, tsend, 40);

  const atelier = await addClient(t, {
    name: 'Atelier Dupont',
    reseller_id: alphaNord,
    subscriptions: [
      { product_id: tbox, start_date: '2026-01-15', years: 1, seats: 2 },
      { product_id: tsend, start_date: '2025-02-10', years: 2, seats: 1 },
    ],
  });
  const boulangerie = await addClient(t, {
    name: 'Boulangerie Martin',
    reseller_id: alphaNord,
    subscriptions: [{ product_id: tbox, start_date: '2025-06-01', years: 1, seats: 1 }],
  });
  const cabinet = await addClient(t, {
    name: 'Cabinet Leroy',
    reseller_id: alphaSud,
    subscriptions: [{ product_id: tbox, start_date: '2026-06-01', years: 1, seats: 3 }],
  });
  const domaine = await addClient(t, {
    name: 'Domaine Moreau',
    partner_id: beta,
    subscriptions: [{ product_id: tsend, start_date: '2025-12-01', years: 1, seats: 4 }],
  });
  const entreprise = await addClient(t, {
    name: 'Entreprise Garnier',
    reseller_id: betaEst,
    subscriptions: [{ product_id: tsend, start_date: '2027-03-01', years: 1, seats: 5 }],
  });
  const fromagerie = await addClient(t, {
    name: 'Fromagerie Petit',
    reseller_id: alphaNord,
    subscriptions: [{ product_id: tbox, start_date: '2026-02-01', years: 1, seats: 1 }],
  });

  const renewed = await request(t.app).post(`/api/subscriptions/${domaine.subscriptionIds[0]}/renew`).send({ years: 1 });
  expect(renewed.status, JSON.stringify(renewed.body)).toBe(201);
  const cancelled = await request(t.app).put(`/api/subscriptions/${fromagerie.subscriptionIds[0]}`).send({ cancelled: true });
  expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);

  return {
    ...h,
    clients: {
      atelier: atelier.id,
      boulangerie: boulangerie.id,
      cabinet: cabinet.id,
      domaine: domaine.id,
      entreprise: entreprise.id,
      fromagerie: fromagerie.id,
    },
    subs: {
      atelierTbox: atelier.subscriptionIds[0],
      atelierTsend: atelier.subscriptionIds[1],
      boulangerie: boulangerie.subscriptionIds[0],
      cabinet: cabinet.subscriptionIds[0],
      domaine: domaine.subscriptionIds[0],
      entreprise: entreprise.subscriptionIds[0],
      fromagerie: fromagerie.subscriptionIds[0],
    },
  };
}

export type Scenario = Awaited<ReturnType<typeof statusScenario>>;
