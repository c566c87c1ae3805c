import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role, Status } from '../../server/src/db/schema.ts';
import { searchKey } from '../../server/src/domain/search.ts';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, contentRange, expectLedgerConsistent, grantPartner, listQuery, type TestApp } from './scenario.ts';
import { createLogin, loginAgent, snapshot } from './security.ts';

/**
 * The scoping matrix (DESIGN §1, issue 4): every resource × role × verb, generated. Two partners,
 * each with two resellers; each of the six organisations manages clients of its own. What each
 * login must see is computed here from the organisation every record was created for, never read
 * back from the server's own scoping columns.
 */

// ---------------------------------------------------------------------------------------------
// The organisations, by name (ids are only known once the world exists).

/** An organisation: a partner, or one of its resellers. `null` stands for the publisher (admins). */
interface Place {
  partner: string;
  reseller: string | null;
}
const RESELLERS = [
  { name: 'Alpha Nord', partner: 'Alpha' },
  { name: 'Alpha Sud', partner: 'Alpha' },
  { name: 'Beta Est', partner: 'Beta' },
  { name: 'Beta Ouest', partner: 'Beta' },
] as const;
const PARTNER_NAMES = ['Alpha', 'Beta'] as const;
/** The client managers: each partner itself and each reseller. */
const MANAGERS: Place[] = [
  { partner: 'Alpha', reseller: null },
  { partner: 'Alpha', reseller: 'Alpha Nord' },
  { partner: 'Alpha', reseller: 'Alpha Sud' },
  { partner: 'Beta', reseller: null },
  { partner: 'Beta', reseller: 'Beta Est' },
  { partner: 'Beta', reseller: 'Beta Ouest' },
];
const label = (p: Place) => p.reseller ?? p.partner;
const slug = (s: string) => s.toLowerCase().replace(/\s+/g, '-');

interface ActorDef {
  key: string;
  email: string;
  role: Role;
  place: Place | null;
}
const ACTORS: ActorDef[] = [
  { key: 'admin', email: 'admin@cascade.test', role: 'admin', place: null },
  { key: 'partner Alpha', email: 'partner@alpha.test', role: 'partner', place: { partner: 'Alpha', reseller: null } },
  { key: 'partner Beta', email: 'partner@beta.test', role: 'partner', place: { partner: 'Beta', reseller: null } },
  { key: 'reseller Alpha Nord', email: 'reseller@alpha-nord.test', role: 'reseller', place: { partner: 'Alpha', reseller: 'Alpha Nord' } },
  { key: 'reseller Beta Est', email: 'reseller@beta-est.test', role: 'reseller', place: { partner: 'Beta', reseller: 'Beta Est' } },
];
/** Logins of the other two resellers (their cookies are not used to act; they are records to scope). */
const OTHER_LOGINS = [
  { email: 'reseller@alpha-sud.test', role: 'reseller' as const, place: { partner: 'Alpha', reseller: 'Alpha Sud' } },
  { email: 'reseller@beta-ouest.test', role: 'reseller' as const, place: { partner: 'Beta', reseller: 'Beta Ouest' } },
];

/** DESIGN §1: admin everything; a partner its own network; a reseller its own organisation. */
function sees(actor: ActorDef, place: Place | null): boolean {
  if (actor.role === 'admin') return true;
  if (!place) return false;
  if (actor.role === 'partner') return place.partner === actor.place!.partner;
  return place.reseller !== null && place.reseller === actor.place!.reseller;
}

// ---------------------------------------------------------------------------------------------
// The world.

interface SubInfo {
  place: Place;
  clientId: number;
  status: Status;
  endDate: string;
  seats: number;
}
interface ManagerData {
  un: number;
  deux: number;
  trois: number;
  unTbox: number;
  unTsend: number;
  deuxTbox: number;
  troisTsend: number;
  troisTbox: number;
}
interface World {
  t: TestApp;
  tbox: number;
  tsend: number;
  partnerId: Record<string, number>;
  resellerId: Record<string, number>;
  placeOfPartner(id: number): Place;
  placeOfReseller(id: number): Place;
  clients: Map<number, Place>;
  subs: Map<number, SubInfo>;
  byManager: Record<string, ManagerData>;
  /** Every login's organisation, by email (null: a publisher admin). */
  loginPlace: Map<string, Place | null>;
  cookies: Record<string, string>;
}

async function buildWorld(options: { realLogins: boolean }): Promise<World> {
  const t = await testApp(TODAY);
  const h = await buildHierarchy(t);
  const betaOuest = (
    await t.db
      .insertInto('resellers')
      .values({ name: 'Beta Ouest', email: 'ouest@example.fr', partner_id: h.partners.beta, search_name: searchKey('Beta Ouest') })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const { tbox, tsend } = h.products;
  const partnerId: Record<string, number> = { Alpha: h.partners.alpha, Beta: h.partners.beta };
  const resellerId: Record<string, number> = {
    'Alpha Nord': h.resellers.alphaNord,
    'Alpha Sud': h.resellers.alphaSud,
    'Beta Est': h.resellers.betaEst,
    'Beta Ouest': betaOuest,
  };
  const partnerById = new Map(Object.entries(partnerId).map(([name, id]) => [id, name]));
  const resellerById = new Map(RESELLERS.map((r) => [resellerId[r.name], r]));
  const placeOfPartner = (id: number): Place => {
    const name = partnerById.get(id);
    if (!name) throw new Error(`partner ${id} is not part of the world`);
    return { partner: name, reseller: null };
  };
  const placeOfReseller = (id: number): Place => {
    const r = resellerById.get(id);
    if (!r) throw new Error(`reseller ${id} is not part of the world`);
    return { partner: r.partner, reseller: r.name };
  };

  for (const p of PARTNER_NAMES) {
    await grantPartner(t, partnerId[p], tbox, 60);
    await grantPartner(t, partnerId[p], tsend, 60);
  }
  for (const r of RESELLERS) {
    await fundReseller(t, resellerId[r.name], tbox, 40);
    await fundReseller(t, resellerId[r.name], tsend, 40);
  }

  // Each manager: "Un" (TBox expiring ×2, TSend active ×1), "Deux" (TBox expired ×1),
  // "Trois" (TSend active 2 years ×3, TBox not started ×1). TODAY = 2026-11-26, window 3 months.
  const clients = new Map<number, Place>();
  const subs = new Map<number, SubInfo>();
  const byManager: Record<string, ManagerData> = {};
  for (const place of MANAGERS) {
    const owner = place.reseller ? { reseller_id: resellerId[place.reseller] } : { partner_id: partnerId[place.partner] };
    const name = label(place);
    const un = await addClient(t, {
      name: `Client ${name} Un`,
      ...owner,
      subscriptions: [
        { product_id: tbox, start_date: '2026-01-15', years: 1, seats: 2 },
        { product_id: tsend, start_date: '2026-06-01', years: 1, seats: 1 },
      ],
    });
    const deux = await addClient(t, { name: `Client ${name} Deux`, ...owner, subscriptions: [{ product_id: tbox, start_date: '2025-06-01', years: 1, seats: 1 }] });
    const trois = await addClient(t, {
      name: `Client ${name} Trois`,
      ...owner,
      subscriptions: [
        { product_id: tsend, start_date: '2026-09-01', years: 2, seats: 3 },
        { product_id: tbox, start_date: '2027-03-01', years: 1, seats: 1 },
      ],
    });
    for (const c of [un, deux, trois]) clients.set(c.id, place);
    const add = (id: number, clientId: number, status: Status, endDate: string, seats: number) => subs.set(id, { place, clientId, status, endDate, seats });
    add(un.subscriptionIds[0], un.id, 'expiring', '2027-01-14', 2);
    add(un.subscriptionIds[1], un.id, 'active', '2027-05-31', 1);
    add(deux.subscriptionIds[0], deux.id, 'expired', '2026-05-31', 1);
    add(trois.subscriptionIds[0], trois.id, 'active', '2028-08-31', 3);
    add(trois.subscriptionIds[1], trois.id, 'not_started', '2028-02-29', 1);
    byManager[name] = {
      un: un.id,
      deux: deux.id,
      trois: trois.id,
      unTbox: un.subscriptionIds[0],
      unTsend: un.subscriptionIds[1],
      deuxTbox: deux.subscriptionIds[0],
      troisTsend: trois.subscriptionIds[0],
      troisTbox: trois.subscriptionIds[1],
    };
  }

  const loginPlace = new Map<string, Place | null>([['admin@cascade.test', null]]);
  const cookies: Record<string, string> = { admin: t.adminCookie };
  const cookieFor = (email: string, role: Role, place: Place) =>
    sessionCookieFor(t, {
      email,
      role,
      partner_id: partnerId[place.partner],
      reseller_id: place.reseller ? resellerId[place.reseller] : null,
    });
  for (const a of ACTORS.filter((a) => a.role !== 'admin')) {
    cookies[a.key] = await cookieFor(a.email, a.role, a.place!);
    loginPlace.set(a.email, a.place);
  }
  for (const o of OTHER_LOGINS) {
    await cookieFor(o.email, o.role, o.place);
    loginPlace.set(o.email, o.place);
  }

  const w: World = { t, tbox, tsend, partnerId, resellerId, placeOfPartner, placeOfReseller, clients, subs, byManager, loginPlace, cookies };

  if (options.realLogins) {
    // Logins with passwords, so the access log has successes, failures and a logout per organisation.
    const real: { email: string; role: Role; place: Place | null; outcome: 'success' | 'failure' | 'logout' | 'both' }[] = [
      { email: 'admin2@cascade.test', role: 'admin', place: null, outcome: 'success' },
      { email: 'real@alpha.test', role: 'partner', place: { partner: 'Alpha', reseller: null }, outcome: 'logout' },
      { email: 'real@alpha-nord.test', role: 'reseller', place: { partner: 'Alpha', reseller: 'Alpha Nord' }, outcome: 'success' },
      { email: 'real@alpha-sud.test', role: 'reseller', place: { partner: 'Alpha', reseller: 'Alpha Sud' }, outcome: 'failure' },
      { email: 'real@beta.test', role: 'partner', place: { partner: 'Beta', reseller: null }, outcome: 'success' },
      { email: 'real@beta-est.test', role: 'reseller', place: { partner: 'Beta', reseller: 'Beta Est' }, outcome: 'both' },
    ];
    for (const r of real) {
      await createLogin(t, {
        email: r.email,
        role: r.role,
        partner_id: r.place ? partnerId[r.place.partner] : null,
        reseller_id: r.place?.reseller ? resellerId[r.place.reseller] : null,
      });
      loginPlace.set(r.email, r.place);
    }
    for (const r of real) {
      if (r.outcome === 'failure' || r.outcome === 'both') {
        const { res } = await loginAgent(t, { email: r.email, password: 'wrong password!' });
        expect(res.status).toBe(401);
      }
      if (r.outcome !== 'failure') {
        const { agent, res } = await loginAgent(t, { email: r.email });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        if (r.outcome === 'logout') expect((await agent.post('/api/auth/logout')).status).toBe(200);
      }
    }
    const { res } = await loginAgent(t, { email: 'nobody@nowhere.test' });
    expect(res.status).toBe(401);

    // Writes by each login (the change log must scope them too).
    for (const a of ACTORS) {
      const own = a.place ? w.byManager[label(a.place)] : w.byManager.Alpha;
      const put = await request(t.server).put(`/api/subscriptions/${own.troisTbox}`).set('Cookie', cookies[a.key]).send({ auto_renew: false });
      expect(put.status, `${a.key}: ${JSON.stringify(put.body)}`).toBe(200);
    }
    const partner = await request(t.app).put(`/api/partners/${partnerId.Beta}`).send({ name: 'Beta', email: 'beta@example.fr' });
    expect(partner.status, JSON.stringify(partner.body)).toBe(200);
    const reseller = await request(t.server)
      .put(`/api/resellers/${resellerId['Alpha Sud']}`)
      .set('Cookie', cookies['partner Alpha'])
      .send({ name: 'Alpha Sud', email: 'sud@example.fr' });
    expect(reseller.status, JSON.stringify(reseller.body)).toBe(200);
  }
  return w;
}

function as(w: World, actor: ActorDef) {
  const cookie = w.cookies[actor.key];
  const server = request(w.t.server);
  return {
    get: (url: string) => server.get(url).set('Cookie', cookie),
    post: (url: string) => server.post(url).set('Cookie', cookie),
    put: (url: string) => server.put(url).set('Cookie', cookie),
    delete: (url: string) => server.delete(url).set('Cookie', cookie),
  };
}

// ---------------------------------------------------------------------------------------------
// The model: every record of every resource, with the organisation(s) it belongs to.

const RESOURCES = ['partners', 'resellers', 'clients', 'subscriptions', 'terms', 'pools', 'movements', 'users', 'access_log', 'changes', 'products'] as const;
type Resource = (typeof RESOURCES)[number];

interface Rec {
  id: number;
  /** Organisations the record belongs to ('everyone': public to every login). Visible if any is. */
  owners: (Place | null)[] | 'everyone';
  row: Record<string, unknown>;
}

/** Reference fields each resource is filtered on (getManyReference and the console's filters). */
const FILTER_FIELDS: Record<Resource, string[]> = {
  products: ['id'],
  partners: ['id'],
  resellers: ['id', 'partner_id'],
  clients: ['partner_id', 'reseller_id'],
  subscriptions: ['client_id', 'partner_id', 'reseller_id', 'product_id'],
  terms: ['subscription_id'],
  pools: ['partner_id', 'reseller_id', 'product_id'],
  movements: ['from_pool_id', 'to_pool_id', 'subscription_id', 'client_id', 'product_id'],
  users: ['partner_id', 'reseller_id'],
  access_log: ['partner_id', 'reseller_id', 'user_id'],
  changes: ['partner_id', 'reseller_id', 'record_id'],
};

async function buildModel(w: World): Promise<Record<Resource, Rec[]>> {
  const { db } = w.t;
  const place = <T,>(map: Map<number, T>, id: number, what: string): T => {
    if (!map.has(id)) throw new Error(`${what} ${id} was not created by the test`);
    return map.get(id)!;
  };
  const users = await db.selectFrom('users').selectAll().orderBy('id').execute();
  const userPlace = new Map<number, Place | null>();
  for (const u of users) {
    if (!w.loginPlace.has(u.email)) throw new Error(`login ${u.email} was not created by the test`);
    userPlace.set(u.id, w.loginPlace.get(u.email)!);
  }
  const pools = await db.selectFrom('pools').selectAll().orderBy('id').execute();
  const poolPlace = new Map(pools.map((p) => [p.id, p.holder_type === 'partner' ? w.placeOfPartner(p.holder_id) : w.placeOfReseller(p.holder_id)]));
  const terms = await db.selectFrom('terms').selectAll().orderBy('id').execute();
  const movements = await db.selectFrom('movements').selectAll().orderBy('id').execute();
  const accessLog = await db.selectFrom('access_log').selectAll().orderBy('id').execute();
  const changes = await db.selectFrom('changes').selectAll().orderBy('id').execute();
  const clients = await db.selectFrom('clients').selectAll().orderBy('id').execute();
  const subscriptions = await db.selectFrom('subscriptions').selectAll().orderBy('id').execute();

  const changeOwner = (c: (typeof changes)[number]): Place | null => {
    const id = c.record_id!;
    switch (c.resource) {
      case 'clients':
        return place(w.clients, id, 'client');
      case 'subscriptions':
        return place(w.subs, id, 'subscription').place;
      case 'users':
        return place(userPlace, id, 'login');
      case 'partners':
        return w.placeOfPartner(id);
      case 'resellers':
        return w.placeOfReseller(id);
      default:
        throw new Error(`unexpected change of ${c.resource}`);
    }
  };
  return {
    products: (await db.selectFrom('products').selectAll().execute()).map((r) => ({ id: r.id, owners: 'everyone', row: r })),
    partners: (await db.selectFrom('partners').selectAll().execute()).map((r) => ({ id: r.id, owners: [w.placeOfPartner(r.id)], row: r })),
    resellers: (await db.selectFrom('resellers').selectAll().execute()).map((r) => ({ id: r.id, owners: [w.placeOfReseller(r.id)], row: r })),
    clients: clients.map((r) => ({ id: r.id, owners: [place(w.clients, r.id, 'client')], row: r })),
    subscriptions: subscriptions.map((r) => ({ id: r.id, owners: [place(w.subs, r.id, 'subscription').place], row: r })),
    terms: terms.map((r) => ({ id: r.id, owners: [place(w.subs, r.subscription_id, 'subscription').place], row: r })),
    pools: pools.map((r) => ({ id: r.id, owners: [poolPlace.get(r.id)!], row: r })),
    movements: movements.map((r) => ({
      id: r.id,
      owners: [r.from_pool_id, r.to_pool_id].filter((p): p is number => p !== null).map((p) => poolPlace.get(p)!),
      row: r,
    })),
    users: users.map((r) => ({ id: r.id, owners: [userPlace.get(r.id)!], row: r })),
    access_log: accessLog.map((r) => ({ id: r.id, owners: [w.loginPlace.get(r.email) ?? null], row: r })),
    changes: changes.map((r) => ({ id: r.id, owners: [changeOwner(r)], row: r })),
  };
}

function visible(actor: ActorDef, resource: Resource, rec: Rec): boolean {
  if (rec.owners === 'everyone') return true;
  // Decision of the server (resources/partners.ts partnersSpec): a reseller reads its own partner's
  // record, which its clients name; it sees no other partner.
  if (resource === 'partners' && actor.role === 'reseller' && rec.owners[0]?.partner === actor.place!.partner) return true;
  return rec.owners.some((o) => sees(actor, o));
}

/** The access log is for admins and partners; a reseller is refused (403). */
const readable = (actor: ActorDef, resource: Resource) => !(resource === 'access_log' && actor.role === 'reseller');

const sortIds = (ids: number[]) => [...ids].sort((a, b) => a - b);

// ---------------------------------------------------------------------------------------------
// Reads.

describe('scoping matrix: reads (list, getOne, getMany, reference filters, dashboard)', () => {
  let w: World;
  let model: Record<Resource, Rec[]>;

  beforeAll(async () => {
    w = await buildWorld({ realLogins: true });
    model = await buildModel(w);
  });

  async function list(actor: ActorDef, resource: Resource, filter?: unknown) {
    return as(w, actor)
      .get(`/api/${resource}`)
      .query(listQuery({ sort: ['id', 'ASC'], range: [0, 999], ...(filter === undefined ? {} : { filter }) }));
  }
  const expectedIds = (actor: ActorDef, resource: Resource, where: (r: Rec) => boolean = () => true) =>
    sortIds(model[resource].filter((r) => where(r) && visible(actor, resource, r)).map((r) => r.id));

  it('the world has records of every resource in more than one organisation', () => {
    for (const resource of RESOURCES) expect(model[resource].length, resource).toBeGreaterThan(1);
    expect(model.access_log.map((r) => r.row.event)).toEqual(expect.arrayContaining(['login_success', 'login_failure', 'logout']));
  });

  for (const actor of ACTORS) {
    for (const resource of RESOURCES) {
      describe(`${actor.key} × ${resource}`, () => {
        if (!readable(actor, resource)) {
          it('list and every getOne answer 403', async () => {
            const res = await list(actor, resource);
            expect(res.status, JSON.stringify(res.body)).toBe(403);
            const statuses = new Set<number>();
            for (const rec of model[resource]) statuses.add((await as(w, actor).get(`/api/${resource}/${rec.id}`)).status);
            expect([...statuses]).toEqual([403]);
          });
          return;
        }

        it('list returns exactly the ids in scope, with a matching Content-Range total', async () => {
          const expected = expectedIds(actor, resource);
          const res = await list(actor, resource);
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect(sortIds(res.body.map((r: { id: number }) => r.id))).toEqual(expected);
          expect(contentRange(res.headers['content-range'])).toMatchObject({ resource, total: expected.length });
        });

        it('getOne: 200 for every record in scope, 404 (like a missing id) for every other', async () => {
          const wrong: string[] = [];
          const missing = await as(w, actor).get(`/api/${resource}/999999`);
          expect(missing.status).toBe(404);
          for (const rec of model[resource]) {
            const res = await as(w, actor).get(`/api/${resource}/${rec.id}`);
            const expected = visible(actor, resource, rec) ? 200 : 404;
            if (res.status !== expected || (expected === 200 && res.body.id !== rec.id)) wrong.push(`${resource}/${rec.id}: ${res.status} (expected ${expected})`);
            if (expected === 404) {
              // Each answer has its own request id; the rest must not tell "hidden" from "missing".
              const norm = ({ request_id: _id, ...body }: Record<string, unknown>, id: number) =>
                JSON.stringify(body).replace(new RegExp(`\\b${id}\\b`, 'g'), 'N');
              if (norm(res.body, rec.id) !== norm(missing.body, 999999)) wrong.push(`${resource}/${rec.id}: body ${JSON.stringify(res.body)} differs from a missing id's ${JSON.stringify(missing.body)}`);
            }
          }
          expect(wrong).toEqual([]);
        });

        it('getMany with every id (in and out of scope) returns only the ones in scope', async () => {
          const all = model[resource].map((r) => r.id);
          const expected = expectedIds(actor, resource);
          const res = await list(actor, resource, { id: all });
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect(sortIds(res.body.map((r: { id: number }) => r.id))).toEqual(expected);
          expect(contentRange(res.headers['content-range']).total).toBe(expected.length);
        });

        for (const field of FILTER_FIELDS[resource]) {
          it(`filter by ${field} (every value, other organisations' included) returns only rows in scope`, async () => {
            const values = new Set<number>();
            for (const rec of model[resource]) if (typeof rec.row[field] === 'number') values.add(rec.row[field] as number);
            if (field === 'partner_id') Object.values(w.partnerId).forEach((v) => values.add(v));
            if (field === 'reseller_id') Object.values(w.resellerId).forEach((v) => values.add(v));
            expect(values.size).toBeGreaterThan(1);
            const wrong: string[] = [];
            for (const value of values) {
              const expected = expectedIds(actor, resource, (r) => r.row[field] === value);
              const res = await list(actor, resource, { [field]: value });
              const got = res.status === 200 ? sortIds(res.body.map((r: { id: number }) => r.id)) : res.status;
              const total = res.status === 200 ? contentRange(res.headers['content-range']).total : null;
              if (JSON.stringify(got) !== JSON.stringify(expected) || total !== expected.length) {
                wrong.push(`filter {"${field}":${value}} → ${JSON.stringify(got)} total ${total}, expected ${JSON.stringify(expected)}`);
              }
            }
            expect(wrong).toEqual([]);
          });
        }
      });
    }

    it(`${actor.key}: dashboard figures equal the counts of its visible data`, async () => {
      const visibleSubs = [...w.subs.values()].filter((s) => sees(actor, s.place));
      expect(visibleSubs.length).toBeGreaterThan(0);
      const counts: Record<Status, number> = { not_started: 0, renewed: 0, cancelled: 0, expired: 0, expiring: 0, active: 0 };
      for (const s of visibleSubs) counts[s.status]++;
      const toRenew = new Set(visibleSubs.filter((s) => s.status === 'expiring' || s.status === 'expired').map((s) => s.clientId));
      const months = ['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10'];
      const due = months.map((month) => {
        const dueSubs = visibleSubs.filter((s) => (s.status === 'active' || s.status === 'expiring') && s.endDate.startsWith(month));
        return { month, subscriptions: dueSubs.length, seats: dueSubs.reduce((n, s) => n + s.seats, 0) };
      });
      const poolIds = expectedIds(actor, 'pools');

      const res = await as(w, actor).get('/api/dashboard');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ clients_to_renew: toRenew.size, ...counts });
      expect(res.body.due_by_month).toEqual(due);
      expect(sortIds(res.body.pools.map((p: { id: number }) => p.id))).toEqual(poolIds);
      for (const p of res.body.pools) expect(p.balance).toBe(model.pools.find((r) => r.id === p.id)!.row.balance);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Writes.

describe('scoping matrix: writes', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld({ realLogins: false });
  });

  const lastMovement = (subscriptionId: number) =>
    w.t.db.selectFrom('movements').selectAll().where('subscription_id', '=', subscriptionId).orderBy('id', 'desc').executeTakeFirst();

  /** Runs a write that must be refused with one of `statuses` and change nothing. */
  async function refused(send: () => Promise<{ status: number; body: unknown }>, statuses: number[]) {
    const before = await snapshot(w.t);
    const res = await send();
    expect(statuses, `status ${res.status}: ${JSON.stringify(res.body)}`).toContain(res.status);
    expect(await snapshot(w.t)).toEqual(before);
    return res;
  }

  for (const actor of ACTORS) {
    describe(`${actor.key}`, () => {
      for (const manager of MANAGERS) {
        const allowed = sees(actor, manager);
        const m = label(manager);
        const verdict = allowed ? 'works' : '404, nothing changes';

        it(`renewal quote and renewal of ${m}'s subscription: ${verdict}`, async () => {
          const sub = w.byManager[m].unTbox;
          const quote = await as(w, actor).get(`/api/subscriptions/${sub}/renewal-quote`).query({ years: 1 });
          expect(quote.status, JSON.stringify(quote.body)).toBe(allowed ? 200 : 404);
          const send = () => as(w, actor).post(`/api/subscriptions/${sub}/renew`).send({ years: 1 });
          if (!allowed) {
            await refused(send, [404]);
            await refused(() => as(w, actor).post(`/api/subscriptions/${sub}/undo-renewal`).send({}), [404]);
            return;
          }
          const terms = await w.t.db.selectFrom('terms').select('id').where('subscription_id', '=', sub).execute();
          const res = await send();
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          expect(await w.t.db.selectFrom('terms').select('id').where('subscription_id', '=', sub).execute()).toHaveLength(terms.length + 1);
          expect(await lastMovement(sub)).toMatchObject({ kind: 'consume', actor: actor.email });
        });

        it(`seat change on ${m}'s subscription: ${verdict}`, async () => {
          const sub = w.byManager[m].unTsend;
          const { seats } = await w.t.db.selectFrom('subscriptions').select('seats').where('id', '=', sub).executeTakeFirstOrThrow();
          const quote = await as(w, actor).get(`/api/subscriptions/${sub}/seats-quote`).query({ seats: seats! + 1 });
          expect(quote.status, JSON.stringify(quote.body)).toBe(allowed ? 200 : 404);
          const send = () => as(w, actor).post(`/api/subscriptions/${sub}/seats`).send({ seats: seats! + 1 });
          if (!allowed) return void (await refused(send, [404]));
          const res = await send();
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect(res.body.seats).toBe(seats! + 1);
          expect(await lastMovement(sub)).toMatchObject({ kind: 'consume', actor: actor.email });
        });

        it(`PUT flags on ${m}'s subscription: ${verdict}`, async () => {
          const sub = w.byManager[m].deuxTbox;
          const { auto_renew } = await w.t.db.selectFrom('subscriptions').select('auto_renew').where('id', '=', sub).executeTakeFirstOrThrow();
          const send = () => as(w, actor).put(`/api/subscriptions/${sub}`).send({ auto_renew: auto_renew !== 1 });
          if (!allowed) return void (await refused(send, [404]));
          const res = await send();
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect(res.body.auto_renew).toBe(auto_renew !== 1);
          const change = await w.t.db.selectFrom('changes').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
          expect(change).toMatchObject({ resource: 'subscriptions', record_id: sub, actor: actor.email });
        });

        it(`PUT (rename) ${m}'s client: ${verdict}`, async () => {
          const client = w.byManager[m].trois;
          const name = `Client ${m} Trois (${actor.key})`;
          const send = () => as(w, actor).put(`/api/clients/${client}`).send({ name });
          if (!allowed) {
            await refused(send, [404]);
            await refused(() => as(w, actor).post(`/api/clients/${client}/undo`).send({}), [404]);
            return;
          }
          const res = await send();
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect(res.body.name).toBe(name);
          expect(await w.t.db.selectFrom('changes').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()).toMatchObject({
            resource: 'clients',
            record_id: client,
            actor: actor.email,
          });
        });

        // Creating a client for this manager.
        const ownPartner = actor.role === 'reseller' && manager.reseller === null && manager.partner === actor.place!.partner;
        const createStatus = allowed ? 201 : ownPartner ? 403 : 400;
        it(`create a client for ${m}: ${createStatus}`, async () => {
          const body = {
            name: `Nouveau ${actor.key} pour ${m}`,
            ...(manager.reseller ? { reseller_id: w.resellerId[manager.reseller] } : { partner_id: w.partnerId[manager.partner] }),
            subscriptions: [{ product_id: w.tbox, start_date: TODAY, years: 1, seats: 1 }],
          };
          const send = () => as(w, actor).post('/api/clients').send(body);
          if (!allowed) {
            const res = await refused(send, [createStatus]);
            if (createStatus === 400) expect((res.body as { message: string }).message).toMatch(manager.reseller ? /unknown reseller/i : /unknown partner/i);
            return;
          }
          const res = await send();
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          expect(res.body).toMatchObject({
            partner_id: w.partnerId[manager.partner],
            reseller_id: manager.reseller ? w.resellerId[manager.reseller] : null,
          });
          const consumed = await w.t.db.selectFrom('movements').selectAll().where('client_id', '=', res.body.id).execute();
          expect(consumed.map((c) => c.actor)).toEqual([actor.email]);
          w.clients.set(res.body.id, manager);
        });
      }

      it('bulk renewal quote and bulk renewal act on its own subscriptions only (others: not found, unchanged)', async () => {
        const ids = MANAGERS.map((mg) => w.byManager[label(mg)].deuxTbox);
        const mine = MANAGERS.filter((mg) => sees(actor, mg)).map((mg) => w.byManager[label(mg)].deuxTbox);
        const others = ids.filter((id) => !mine.includes(id));
        const quote = await as(w, actor).get('/api/subscriptions/bulk-renewal-quote').query({ ids: ids.join(','), years: 1 });
        expect(quote.status, JSON.stringify(quote.body)).toBe(200);
        expect(quote.body.subscriptions.map((q: { id: number }) => q.id)).toEqual(mine);
        expect(sortIds(quote.body.not_found)).toEqual(sortIds(others));
        for (const other of others) expect(JSON.stringify(quote.body)).not.toContain(`Client ${label(MANAGERS[ids.indexOf(other)])} Deux`);

        const termsOf = (list: number[]) => w.t.db.selectFrom('terms').selectAll().where('subscription_id', 'in', list).orderBy('id').execute();
        const movementsBefore = await w.t.db.selectFrom('movements').selectAll().orderBy('id').execute();
        const othersBefore = others.length ? await termsOf(others) : [];
        const res = await as(w, actor).post('/api/subscriptions/bulk-renew').send({ ids, years: 1 });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const statuses = Object.fromEntries(res.body.results.map((r: { id: number; status: number }) => [r.id, r.status]));
        expect(statuses).toEqual(Object.fromEntries(ids.map((id) => [id, mine.includes(id) ? 201 : 404])));
        if (others.length) expect(await termsOf(others)).toEqual(othersBefore);
        const written = (await w.t.db.selectFrom('movements').selectAll().orderBy('id').execute()).slice(movementsBefore.length);
        expect(sortIds(written.map((m) => m.subscription_id!))).toEqual(sortIds(mine));
        expect(new Set(written.map((m) => m.actor))).toEqual(new Set([actor.email]));
      });

      // Allocations: partner → its own reseller; admins any; resellers never.
      for (const r of RESELLERS) {
        const status = actor.role === 'admin' || (actor.role === 'partner' && actor.place!.partner === r.partner) ? 201 : actor.role === 'reseller' ? 403 : 400;
        for (const quantity of [2, -1]) {
          it(`${quantity > 0 ? 'allocate to' : 'reclaim from'} ${r.name}: ${status}`, async () => {
            const send = () => as(w, actor).post('/api/allocations').send({ product_id: w.tsend, reseller_id: w.resellerId[r.name], quantity });
            if (status !== 201) {
              const res = await refused(send, status === 400 ? [400, 404] : [status]);
              if (res.status === 400) expect((res.body as { message: string }).message).toMatch(/unknown reseller/i);
              return;
            }
            const res = await send();
            expect(res.status, JSON.stringify(res.body)).toBe(201);
            expect(res.body).toMatchObject({ kind: quantity > 0 ? 'allocate' : 'reclaim', quantity: Math.abs(quantity), actor: actor.email });
          });
        }
      }

      // Grants: admins only.
      for (const p of PARTNER_NAMES) {
        const status = actor.role === 'admin' ? 201 : 403;
        it(`grant to ${p}: ${status}`, async () => {
          const send = () => as(w, actor).post('/api/grants').send({ product_id: w.tbox, partner_id: w.partnerId[p], quantity: 5 });
          if (status !== 201) return void (await refused(send, [403]));
          const res = await send();
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          expect(res.body).toMatchObject({ kind: 'grant', quantity: 5, actor: actor.email });
        });
      }

      if (actor.role === 'admin') return;

      // Moving one's own client to another organisation.
      const own = label(actor.place!);
      it(`moving its own client to another partner's reseller is refused (400) and changes nothing`, async () => {
        const other = RESELLERS.find((r) => r.partner !== actor.place!.partner)!;
        const res = await refused(() => as(w, actor).put(`/api/clients/${w.byManager[own].deux}`).send({ reseller_id: w.resellerId[other.name] }), [400]);
        expect((res.body as { message: string }).message).toMatch(/unknown reseller/i);
      });
      if (actor.role === 'partner') {
        it('a client for its own reseller but naming another partner is refused (400) and nothing is created', async () => {
          const mine = RESELLERS.find((r) => r.partner === actor.place!.partner)!;
          const otherPartner = PARTNER_NAMES.find((p) => p !== actor.place!.partner)!;
          await refused(
            () =>
              as(w, actor)
                .post('/api/clients')
                .send({
                  name: 'Mélange',
                  partner_id: w.partnerId[otherPartner],
                  reseller_id: w.resellerId[mine.name],
                  subscriptions: [{ product_id: w.tbox, start_date: TODAY, years: 1, seats: 1 }],
                }),
            [400],
          );
        });
      }
      if (actor.role === 'reseller') {
        it('a reseller cannot move its client to a sibling reseller (400) or to its partner (403)', async () => {
          const sibling = RESELLERS.find((r) => r.partner === actor.place!.partner && r.name !== actor.place!.reseller)!;
          await refused(() => as(w, actor).put(`/api/clients/${w.byManager[own].deux}`).send({ reseller_id: w.resellerId[sibling.name] }), [400]);
          await refused(() => as(w, actor).put(`/api/clients/${w.byManager[own].deux}`).send({ reseller_id: null }), [403]);
        });
        it('a reseller creating a client without naming an owner creates it for itself', async () => {
          const res = await as(w, actor)
            .post('/api/clients')
            .send({ name: `Sans owner ${actor.key}`, subscriptions: [{ product_id: w.tsend, start_date: TODAY, years: 1, seats: 1 }] });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          expect(res.body).toMatchObject({ partner_id: w.partnerId[actor.place!.partner], reseller_id: w.resellerId[actor.place!.reseller!] });
          w.clients.set(res.body.id, actor.place!);
        });
      }

      // Logins: a partner creates logins for itself and its resellers, a reseller for itself only; admins never.
      const targets: { label: string; role: Role; place: Place | null }[] = [
        { label: 'an admin', role: 'admin', place: null },
        ...PARTNER_NAMES.map((p) => ({ label: `partner ${p}`, role: 'partner' as Role, place: { partner: p, reseller: null } })),
        ...RESELLERS.map((r) => ({ label: `reseller ${r.name}`, role: 'reseller' as Role, place: { partner: r.partner, reseller: r.name } })),
      ];
      for (const target of targets) {
        const status =
          target.role === 'admin' || (actor.role === 'reseller' && target.role === 'partner') ? 403 : sees(actor, target.place) ? 201 : 400;
        it(`create a login for ${target.label}: ${status}`, async () => {
          const email = `${slug(actor.key)}-for-${slug(target.label)}@new.test`;
          const send = () =>
            as(w, actor)
              .post('/api/users')
              .send({
                email,
                name: 'Nouvelle personne',
                role: target.role,
                partner_id: target.place ? w.partnerId[target.place.partner] : null,
                reseller_id: target.place?.reseller ? w.resellerId[target.place.reseller] : null,
                password: 'a long enough password',
              });
          if (status !== 201) {
            const res = await refused(send, [status]);
            if (status === 400) expect((res.body as { message: string }).message).toMatch(/unknown (reseller|partner)/i);
            return;
          }
          const res = await send();
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          expect(res.body).toMatchObject({
            email,
            role: target.role,
            partner_id: w.partnerId[target.place!.partner],
            reseller_id: target.place!.reseller ? w.resellerId[target.place!.reseller] : null,
          });
          expect(res.body).not.toHaveProperty('password');
          expect(res.body).not.toHaveProperty('password_hash');
          w.loginPlace.set(email, target.place);
        });
      }

      const existingLogins = [
        { email: 'admin@cascade.test', place: null as Place | null },
        ...ACTORS.filter((a) => a.role !== 'admin').map((a) => ({ email: a.email, place: a.place })),
        ...OTHER_LOGINS.map((o) => ({ email: o.email, place: o.place as Place | null })),
      ];
      for (const target of existingLogins) {
        const allowedUser = sees(actor, target.place);
        it(`update and delete the login ${target.email}: ${allowedUser ? 'update works' : '404, nothing changes'}`, async () => {
          const user = await w.t.db.selectFrom('users').selectAll().where('email', '=', target.email).executeTakeFirstOrThrow();
          const body = { email: user.email, name: `Renamed by ${actor.key}`, role: user.role, partner_id: user.partner_id, reseller_id: user.reseller_id };
          if (!allowedUser) {
            await refused(() => as(w, actor).put(`/api/users/${user.id}`).send(body), [404]);
            await refused(() => as(w, actor).delete(`/api/users/${user.id}`), [404]);
            return;
          }
          const res = await as(w, actor).put(`/api/users/${user.id}`).send(body);
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect(res.body.name).toBe(body.name);
        });
      }
      it('cannot turn a login of its own organisation into an admin (403)', async () => {
        const email = actor.role === 'reseller' ? actor.email : OTHER_LOGINS.find((o) => o.place.partner === actor.place!.partner)!.email;
        const user = await w.t.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
        await refused(() => as(w, actor).put(`/api/users/${user.id}`).send({ email: user.email, name: user.name, role: 'admin' }), [403]);
      });

      // Organisations.
      it('cannot edit or delete partners, products or foreign resellers (403 own / 404 foreign) nor set require_totp on its organisation', async () => {
        const otherPartner = PARTNER_NAMES.find((p) => p !== actor.place!.partner)!;
        await refused(() => as(w, actor).put(`/api/partners/${w.partnerId[actor.place!.partner]}`).send({ name: 'Pirate', email: 'p@x.fr' }), [403]);
        await refused(() => as(w, actor).put(`/api/partners/${w.partnerId[otherPartner]}`).send({ name: 'Pirate', email: 'p@x.fr' }), [404]);
        await refused(() => as(w, actor).post('/api/partners').send({ name: 'Pirate', email: 'p@x.fr' }), [403]);
        await refused(() => as(w, actor).post('/api/products').send({ code: 'PIRATE', name: 'Pirate' }), [403]);
        const foreign = RESELLERS.find((r) => r.partner !== actor.place!.partner)!;
        await refused(() => as(w, actor).put(`/api/resellers/${w.resellerId[foreign.name]}`).send({ name: 'Pirate', email: 'p@x.fr' }), [404]);
        await refused(
          () => as(w, actor).post('/api/resellers').send({ name: 'Pirate', email: 'p@x.fr', partner_id: w.partnerId[otherPartner] }),
          actor.role === 'partner' ? [400] : [403],
        );
        await refused(() => as(w, actor).delete(`/api/partners/${w.partnerId[actor.place!.partner]}`), [403]);
        await refused(() => as(w, actor).delete(`/api/partners/${w.partnerId[otherPartner]}`), [404]);
        await refused(() => as(w, actor).delete(`/api/resellers/${w.resellerId[foreign.name]}`), [404]);
        await refused(() => as(w, actor).delete(`/api/products/${w.tbox}`), [403]);
        if (actor.role === 'reseller') {
          await refused(() => as(w, actor).delete(`/api/resellers/${w.resellerId[actor.place!.reseller!]}`), [403]);
          await refused(() => as(w, actor).put(`/api/resellers/${w.resellerId[actor.place!.reseller!]}`).send({ name: 'Pirate', email: 'p@x.fr' }), [403]);
        } else {
          const mine = RESELLERS.find((r) => r.partner === actor.place!.partner)!;
          const res = await as(w, actor).put(`/api/resellers/${w.resellerId[mine.name]}`).send({ name: mine.name, email: 'nouveau@example.fr', require_totp: true });
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect(res.body).toMatchObject({ email: 'nouveau@example.fr', require_totp: false });
        }
      });
    });
  }

  it('an Idempotency-Key used by one login is not replayed to another login', async () => {
    const alpha = ACTORS.find((a) => a.key === 'partner Alpha')!;
    const beta = ACTORS.find((a) => a.key === 'partner Beta')!;
    const sub = w.byManager.Alpha.unTbox;
    const first = await as(w, alpha).post(`/api/subscriptions/${sub}/renew`).set('Idempotency-Key', 'shared-key-1').send({ years: 1 });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await refused(() => as(w, beta).post(`/api/subscriptions/${sub}/renew`).set('Idempotency-Key', 'shared-key-1').send({ years: 1 }), [404]);
  });

  it('after all the writes, every pool balance equals the sum of its ledger rows and every HTTP movement names its login', async () => {
    await expectLedgerConsistent(w.t);
    const actors = await w.t.db.selectFrom('movements').select('actor').distinct().execute();
    expect(actors.map((a) => a.actor).sort()).toEqual(['test', ...ACTORS.map((a) => a.email)].sort());
  });
});
