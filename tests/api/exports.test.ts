import request from 'supertest';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../server/src/seed/generate.ts';
import { searchKey } from '../../server/src/domain/search.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, contentRange, listQuery, type TestApp } from './scenario.ts';

/**
 * Issue 12: exports are for people. 5,000 subscriptions (2,500 seeded clients) go through the API
 * and are parsed back by their French headers; then English, scope, formula cells and refusals.
 */

/** RFC 4180 CSV → rows of cells (quoted cells may hold the separator, quotes and line breaks). */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) row.push(cell), (cell = '');
    else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += char;
  }
  expect(cell, 'the file ends with a line break').toBe('');
  return rows;
}

/** The rows of a CSV file as objects keyed by its headers. */
function records(text: string, separator: string): Record<string, string>[] {
  const [headers, ...rows] = parseCsv(text, separator);
  for (const row of rows) expect(row).toHaveLength(headers.length);
  return rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i]])));
}

const asText = (res: request.Response) => res.text ?? (res.body as Buffer).toString('utf8');
const download = (app: TestApp['app'] | TestApp['server'], path: string, query: Record<string, string> = {}, cookie?: string) => {
  const req = request(app).get(path).query(query).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return cookie ? req.set('Cookie', cookie) : req;
};
const BOM = '\uFEFF';

let t: TestApp;
beforeAll(async () => {
  t = await testApp(TODAY);
  await seedDatabase(t.db, { clients: 2500, today: TODAY, seed: 12 });
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('GET /api/exports/subscriptions', () => {
  it('exports all 5,000 subscriptions (past the 1,000-row page) in French, for French Excel', async () => {
    const res = await download(t.app, '/api/exports/subscriptions');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="subscriptions-${TODAY}.csv"`);
    const text = asText(res);
    expect(text.startsWith(BOM)).toBe(true);
    const rows = records(text.slice(1), ';');
    expect(rows).toHaveLength(5000);
    expect(Object.keys(rows[0])).toEqual([
      'Nom client', 'Produit', 'Partenaire', 'Revendeur', 'Statut', 'Date de début', 'Date de fin',
      'Durée (années)', 'Licences utilisateurs', 'Utilisateurs actifs', 'Renouvellement automatique', 'Résilié',
    ]);

    // Every row is the list's, by name, label and date as the console shows them.
    const listed = await request(t.app).get('/api/subscriptions').query(listQuery({ sort: ['id', 'ASC'], range: [0, 999] }));
    expect(contentRange(listed.headers['content-range']).total).toBe(5000);
    const frDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');
    const labels: Record<string, string> = { expired: 'Expiré', expiring: 'Expire bientôt', active: 'Actif', renewed: 'Renouvelé', not_started: 'Pas encore commencé', cancelled: 'Résilié' };
    for (const [i, sub] of (listed.body as Record<string, never>[]).entries()) {
      expect(rows[i]).toMatchObject({
        'Nom client': sub.client_name,
        Produit: sub.product_name,
        Revendeur: sub.reseller_name ?? '',
        Statut: labels[sub.status],
        'Date de début': frDate(sub.start_date),
        'Date de fin': frDate(sub.end_date),
        'Durée (années)': String(sub.years),
        'Licences utilisateurs': String(sub.seats),
        'Utilisateurs actifs': '',
        'Renouvellement automatique': sub.auto_renew ? 'Oui' : 'Non',
      });
    }
    expect(new Set(rows.map((r) => r.Statut))).toEqual(new Set(Object.values(labels)));
    expect(rows.every((r) => r.Partenaire !== '' && /^\d{2}\/\d{2}\/\d{4}$/.test(r['Date de fin']))).toBe(true);
  });

  it('takes the list’s filter: the to-renew list, expired ones of one product', async () => {
    const filter = { to_renew: true, status: 'expired', product_id: 1 };
    const listed = await request(t.app).get('/api/subscriptions').query(listQuery({ filter, range: [0, 0] }));
    const total = contentRange(listed.headers['content-range']).total;
    expect(total).toBeGreaterThan(0);
    const rows = records(asText(await download(t.app, '/api/exports/subscriptions', { filter: JSON.stringify(filter) })).slice(1), ';');
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => `${r.Statut} ${r.Produit}`))).toEqual(new Set([`Expiré ${listed.body[0].product_name}`]));
  });

  it('in English: comma, English headers and labels, ISO dates, no BOM; the login’s locale is the default', async () => {
    const cookie = await sessionCookieFor(t, { email: 'english@cascade.test', role: 'admin' });
    expect((await request(t.server).put('/api/auth/locale').set('Cookie', cookie).send({ locale: 'en' })).body).toEqual({ locale: 'en' });
    expect((await request(t.server).get('/api/auth/me').set('Cookie', cookie)).body.locale).toBe('en');
    const text = asText(await download(t.server, '/api/exports/subscriptions', { filter: JSON.stringify({ status: 'expiring' }) }, cookie));
    expect(text.startsWith(BOM)).toBe(false);
    const rows = records(text, ',');
    expect(Object.keys(rows[0])).toEqual(['Client name', 'Product', 'Partner', 'Reseller', 'Status', 'Start date', 'End date', 'Duration (years)', 'User licences', 'Active users', 'Auto-renewal', 'Cancelled']);
    expect(new Set(rows.map((r) => r.Status))).toEqual(new Set(['Expiring soon']));
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r['End date']))).toBe(true);
    // ?locale= overrides the login's.
    expect(asText(await download(t.server, '/api/exports/subscriptions', { locale: 'fr', filter: JSON.stringify({ id: 1 }) }, cookie)).startsWith(`${BOM}Nom client;`)).toBe(true);
  });
});

describe('GET /api/exports/clients and /movements', () => {
  it('clients: names for ids, a formula-looking name neutralised, separators and quotes kept in one cell', async () => {
    const client = await t.db.selectFrom('clients').select(['id', 'partner_id']).orderBy('id').executeTakeFirstOrThrow();
    const name = '=HYPERLINK("http://x";"ok")';
    await t.db.updateTable('clients').set({ name, search_name: searchKey(name), reference: '-2+3' }).where('id', '=', client.id).execute();
    const rows = records(asText(await download(t.app, '/api/exports/clients', { filter: JSON.stringify({ id: client.id }) })).slice(1), ';');
    const partner = await t.db.selectFrom('partners').select('name').where('id', '=', client.partner_id).executeTakeFirstOrThrow();
    expect(rows).toEqual([expect.objectContaining({ 'Nom client': `'${name}`, 'Référence client': "'-2+3", Partenaire: partner.name })]);
    expect(rows[0]['Créé le']).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  it('movements: labelled kinds, pool holders and clients by name, times in Paris', async () => {
    const text = asText(await download(t.app, '/api/exports/movements', { filter: JSON.stringify({ kind: 'consume' }) }));
    const rows = records(text.slice(1), ';');
    expect(rows.length).toBeGreaterThan(5000);
    expect(new Set(rows.map((r) => r.Type))).toEqual(new Set(['Consommation']));
    expect(rows.every((r) => r.Depuis !== '' && r.Client !== '' && r.Vers === '' && /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/.test(r.Date))).toBe(true);
  });

  it('a reseller exports its own clients only', async () => {
    const reseller = await t.db.selectFrom('resellers').select(['id', 'partner_id']).orderBy('id').executeTakeFirstOrThrow();
    const cookie = await sessionCookieFor(t, { email: 'reseller@cascade.test', role: 'reseller', partner_id: reseller.partner_id, reseller_id: reseller.id });
    const own = await t.db.selectFrom('clients').select((eb) => eb.fn.countAll().as('n')).where('reseller_id', '=', reseller.id).where('archived', '=', 0).executeTakeFirstOrThrow();
    const rows = records(asText(await download(t.server, '/api/exports/clients', {}, cookie)).slice(1), ';');
    expect(rows).toHaveLength(Number(own.n));
    const name = await t.db.selectFrom('resellers').select('name').where('id', '=', reseller.id).executeTakeFirstOrThrow();
    expect(new Set(rows.map((r) => r.Revendeur))).toEqual(new Set([name.name]));
  });

  const refused: [string, Record<string, string>, string][] = [
    ['a filter with a bad date', { filter: JSON.stringify({ end_date_gte: '2026-13-01' }) }, 'end_date_gte'],
    ['a filter that is not JSON', { filter: '{to_renew' }, 'filter'],
    ['an unknown filter', { filter: JSON.stringify({ secret: 1 }) }, 'secret'],
    ['an unknown locale', { locale: 'de' }, 'locale'],
  ];
  for (const [what, query, field] of refused) {
    it(`400 naming ${field} for ${what}, as JSON`, async () => {
      const res = await request(t.app).get('/api/exports/subscriptions').query(query);
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty([field]);
    });
  }
});
