import { beforeEach, describe, expect, it } from 'vitest';
import { billingScenario, type billingParties } from '../helpers/billingParties.ts';
import type { buildHierarchy } from '../helpers/fixtures.ts';
import { TODAY } from './scenario.ts';

/** GET /api/exports/orders and /api/exports/invoices: the Commandes and Factures pages' CSV, streamed by the server. */

let h: Awaited<ReturnType<typeof buildHierarchy>>;
let as: Awaited<ReturnType<typeof billingParties>>;

beforeEach(async () => {
  ({ h, as } = await billingScenario(TODAY));
  // Nord orders 50 TBox at 40,05 €, Alpha delivers: 2 002,50 € excl. VAT, 400,50 € VAT.
  const order = (await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 50 }] })).body;
  expect((await as('alpha').post(`/api/orders/${order.id}/fulfil`)).status).toBe(200);
});

/** The CSV's lines as cells (these files hold no quoted cell), without the BOM. */
const csv = async (who: 'alpha' | 'nord' | 'beta', resource: string, locale: 'fr' | 'en') => {
  const res = await as(who).get(`/api/exports/${resource}?locale=${locale}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  return res.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((line) => line.split(locale === 'fr' ? ';' : ','));
};

describe('billing exports', () => {
  it('exports the orders in French: status, parties and amounts in euros as the reader writes them', async () => {
    const [headers, row, ...rest] = await csv('alpha', 'orders', 'fr');
    expect(headers).toEqual(['N° de commande', 'Date', 'Statut', 'Acheteur', 'Fournisseur', 'Total HT (€)', 'TVA (€)', 'Total TTC (€)', 'Motif']);
    expect(rest).toEqual([]);
    expect(row.slice(2)).toEqual(['Livrée', 'Alpha Nord', 'Alpha', '2002,50', '400,50', '2403,00', '']);
  });

  it('exports the invoices in English, within the caller’s scope only', async () => {
    const [headers, row] = await csv('nord', 'invoices', 'en');
    expect(headers).toEqual(['Number', 'Kind', 'Issuer', 'Buyer', 'Issued on', 'Due on', 'Total excl. VAT (€)', 'VAT (€)', 'Total incl. VAT (€)']);
    expect(row).toEqual([expect.stringMatching(/^2026-\d{6}$/), 'Invoice', 'Alpha', 'Alpha Nord', TODAY, '2026-12-26', '2002.50', '400.50', '2403.00']);
    // another partner: the header line only
    expect(await csv('beta', 'invoices', 'en')).toHaveLength(1);
  });
});
