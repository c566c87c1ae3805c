import { sql } from 'kysely';
import { bulkLoad, insertRows } from '../data/bulkLoad.ts';
import { transact, type Db } from '../data/transact.ts';
import type { NewMovement } from '../db/schema.ts';
import { daysBetween, plusDays, plusMonths, plusYears, termEndDate } from '../domain/dates.ts';
import { markDerivedAsOf } from '../domain/derived.ts';
import { termCost } from '../domain/renewal.ts';
import { searchKey } from '../domain/search.ts';
import { clientState, subscriptionState, type TermLike } from '../domain/status.ts';
import { companyName, emailFor, partnerName, pick, resellerName, seededRandom, type Random } from './names.ts';

/**
 * Generated data for demos and benchmarks: partners, resellers, clients with French names, two
 * subscriptions each (TBox, TSend) in every status relative to `today`, and pools whose balances
 * are exactly what their ledger (grants, allocations, consumptions) adds up to.
 */

export interface SeedOptions {
  clients: number;
  today: string;
  /** The seed's "now" (default: the start of `today`, UTC): no row is stamped after it. */
  now?: string;
  seed?: number;
}

export interface SeedSummary {
  partners: number;
  resellers: number;
  clients: number;
  subscriptions: number;
  terms: number;
  movements: number;
}

const PRODUCTS = [
  { code: 'TBox', name: 'TBox — stockage et partage de fichiers' },
  { code: 'TSend', name: 'TSend — envoi de fichiers volumineux' },
];
const ACTOR = 'seed';

interface GeneratedTerm extends TermLike { id: number; subscription_id: number; created_at: string }

/**
 * Terms of one subscription, shaped so that its status on `today` follows the demo's mix;
 * `profile` in [0,1) picks the status (shared by a client's subscriptions most of the time).
 */
function termsFor(random: Random, { today, now }: { today: string; now: string }, profile: number): { terms: Omit<GeneratedTerm, 'id' | 'subscription_id'>[]; cancelled: boolean } {
  const seats = 1 + Math.floor(random() ** 2 * 40);
  const windowDays = daysBetween(today, plusMonths(today, 3));
  const days = (n: number) => Math.floor(random() * n);
  const r = profile;
  // A term of `years` ending on `end`, lengthened until it has started by today when it must be current.
  const ending = (end: string, mustHaveStarted: boolean, s = seats) => {
    let years = pick(random, [1, 1, 1, 2, 3]);
    const startOf = (y: number) => plusYears(plusDays(end, 1), -y);
    while (mustHaveStarted && startOf(years) > today && years < 10) years++;
    const start = startOf(years);
    return { start_date: start, end_date: termEndDate(start, years), years, seats: s };
  };
  const starting = (start: string, years: number) => ({ start_date: start, end_date: termEndDate(start, years), years, seats });

  let terms: ReturnType<typeof ending>[];
  let cancelled = false;
  if (r < 0.1) terms = [ending(plusDays(today, days(windowDays)), true)]; // expiring
  else if (r < 0.15) terms = [ending(plusDays(today, -1 - days(365)), false)]; // expired
  else if (r < 0.2) {
    const current = ending(plusDays(today, days(200)), true); // renewed
    terms = [current, starting(plusDays(current.end_date, 1), pick(random, [1, 1, 2]))];
  } else if (r < 0.23) terms = [starting(plusDays(today, 1 + days(90)), 1)]; // not started
  else if (r < 0.25) {
    terms = [ending(plusDays(today, days(windowDays)), true)]; // cancelled
    cancelled = true;
  } else terms = [ending(plusDays(plusMonths(today, 3), days(700)), true)]; // active

  if (random() < 0.4) {
    // An earlier term: the client has been renewing for a while.
    const first = terms[0];
    const previous = ending(plusDays(first.start_date, -1), false, Math.max(1, first.seats - days(5)));
    terms = [previous, ...terms];
  }
  // Past terms were bought at 09:00 UTC on their first day; today's and future ones now at the latest,
  // so that a user's own renewal today sorts after them.
  const todayStamp = Date.parse(now) < Date.parse(`${today}T09:00:00.000Z`) ? now : `${today}T09:00:00.000Z`;
  const createdAt = (t: { start_date: string }) => (t.start_date < today ? `${t.start_date}T09:00:00.000Z` : todayStamp);
  return { terms: terms.map((t) => ({ ...t, created_at: createdAt(t) })), cancelled };
}

async function nextId(db: Db, table: 'partners' | 'resellers' | 'clients' | 'subscriptions' | 'terms' | 'pools' | 'movements') {
  const row = await db.selectFrom(table).select(sql<number>`coalesce(max(id), 0)`.as('max')).executeTakeFirstOrThrow();
  return Number(row.max) + 1;
}

export async function seedDatabase(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const random = seededRandom(options.seed ?? 1);
  const { today } = options;
  const now = options.now ?? `${today}T00:00:00.000Z`;
  return transact(db, async (tx) => {
    for (const p of PRODUCTS) {
      await tx.insertInto('products').values({ ...p, search_name: searchKey(p.code, p.name) }).onConflict((oc) => oc.column('code').doNothing()).execute();
    }
    const products = await tx.selectFrom('products').select(['id', 'code']).where('code', 'in', PRODUCTS.map((p) => p.code)).execute();

    const partnerCount = Math.min(50, Math.max(3, Math.ceil(options.clients / 10_000)));
    let partnerId = await nextId(tx, 'partners');
    let resellerId = await nextId(tx, 'resellers');
    const partners = Array.from({ length: partnerCount }, (_, i) => ({ id: partnerId++, name: partnerName(i), email: emailFor(partnerName(i)), search_name: searchKey(partnerName(i), emailFor(partnerName(i))) }));
    const resellers = partners.flatMap((p, i) =>
      [0, 1].map((k) => {
        const name = resellerName(i * 2 + k);
        return { id: resellerId++, name, email: emailFor(name), partner_id: p.id, search_name: searchKey(name, emailFor(name)) };
      }),
    );

    // Pools, keyed by holder and product; consumption is added up as terms are generated.
    type PoolKey = string;
    const keyOf = (partner: number, reseller: number | null, product: number): PoolKey => `${partner}/${reseller ?? '-'}/${product}`;
    const consumed = new Map<PoolKey, number>();

    let clientId = await nextId(tx, 'clients');
    let subscriptionId = await nextId(tx, 'subscriptions');
    let termId = await nextId(tx, 'terms');
    const clients: object[] = [];
    const subscriptions: object[] = [];
    const terms: GeneratedTerm[] = [];
    const consumptions: { pool: PoolKey; product_id: number; term: GeneratedTerm; client_id: number }[] = [];

    for (let i = 0; i < options.clients; i++) {
      const owner = random() < 0.25 ? { partner: pick(random, partners).id, reseller: null } : (() => {
        const r = pick(random, resellers);
        return { partner: r.partner_id, reseller: r.id as number | null };
      })();
      const id = clientId++;
      const name = companyName(random);
      const states: { status: ReturnType<typeof subscriptionState>['status']; end_date: string | null }[] = [];
      let createdAt = `${today}T09:00:00.000Z`;
      const profile = random();
      for (const product of products) {
        const sid = subscriptionId++;
        const generated = termsFor(random, { today, now }, random() < 0.85 ? profile : random());
        const subTerms = generated.terms.map((t) => ({ ...t, id: termId++, subscription_id: sid }));
        const state = subscriptionState(subTerms, generated.cancelled, today);
        subscriptions.push({
          id: sid, client_id: id, product_id: product.id, partner_id: owner.partner, reseller_id: owner.reseller,
          client_name: name, search_name: searchKey(name), auto_renew: random() < 0.2 ? 1 : 0, cancelled: generated.cancelled ? 1 : 0,
          status: state.status, renewed: state.renewed ? 1 : 0, to_renew: state.toRenew ? 1 : 0,
          start_date: state.shown?.start_date ?? null, end_date: state.shown?.end_date ?? null,
          years: state.shown?.years ?? null, seats: state.shown?.seats ?? null,
          latest_end: state.latestEnd, status_until: state.until,
        });
        states.push({ status: state.status, end_date: state.shown?.end_date ?? null });
        const pool = keyOf(owner.partner, owner.reseller, product.id);
        for (const term of subTerms) {
          terms.push(term);
          consumed.set(pool, (consumed.get(pool) ?? 0) + termCost(term.seats, term.years));
          consumptions.push({ pool, product_id: product.id, term, client_id: id });
          if (term.created_at < createdAt) createdAt = term.created_at;
        }
      }
      const state = clientState(states);
      clients.push({
        id, name, search_name: searchKey(name), partner_id: owner.partner, reseller_id: owner.reseller, created_at: createdAt,
        status: state.status, end_date: state.endDate, to_renew: state.toRenew ? 1 : 0,
      });
    }

    // Every pool keeps some licenses left; allocations and grants cover what was consumed below them.
    let poolId = await nextId(tx, 'pools');
    const pools: { id: number; key: PoolKey; partner_id: number; reseller_id: number | null; product_id: number; balance: number }[] = [];
    for (const product of products) {
      for (const partner of partners) {
        for (const reseller of [null, ...resellers.filter((r) => r.partner_id === partner.id)]) {
          const balance = reseller ? 20 + Math.floor(random() * 300) : 100 + Math.floor(random() * 1500);
          pools.push({ id: poolId++, key: keyOf(partner.id, reseller?.id ?? null, product.id), partner_id: partner.id, reseller_id: reseller?.id ?? null, product_id: product.id, balance });
        }
      }
    }
    const poolByKey = new Map(pools.map((p) => [p.key, p]));
    const earliest = terms.reduce((a, t) => (t.created_at < a ? t.created_at : a), now).slice(0, 10);
    const movements: NewMovement[] = [];
    const ledgerRow = (m: Omit<NewMovement, 'actor'>): NewMovement => ({ ...m, actor: ACTOR });
    for (const pool of pools.filter((p) => p.reseller_id === null)) {
      const children = pools.filter((p) => p.partner_id === pool.partner_id && p.product_id === pool.product_id && p.reseller_id !== null);
      const allocations = children.map((c) => ({ pool: c, quantity: c.balance + (consumed.get(c.key) ?? 0) }));
      const granted = pool.balance + (consumed.get(pool.key) ?? 0) + allocations.reduce((a, c) => a + c.quantity, 0);
      movements.push(ledgerRow({ kind: 'grant', product_id: pool.product_id, quantity: granted, from_pool_id: null, to_pool_id: pool.id, reason: 'Dotation initiale', created_at: `${plusDays(earliest, -30)}T08:00:00.000Z` }));
      for (const a of allocations) {
        movements.push(ledgerRow({ kind: 'allocate', product_id: pool.product_id, quantity: a.quantity, from_pool_id: pool.id, to_pool_id: a.pool.id, created_at: `${plusDays(earliest, -20)}T08:00:00.000Z` }));
      }
    }
    consumptions.sort((a, b) => a.term.created_at.localeCompare(b.term.created_at));
    for (const c of consumptions) {
      movements.push(ledgerRow({
        kind: 'consume', product_id: c.product_id, quantity: termCost(c.term.seats, c.term.years),
        from_pool_id: poolByKey.get(c.pool)!.id, to_pool_id: null, subscription_id: c.term.subscription_id,
        client_id: c.client_id, term_id: c.term.id, created_at: c.term.created_at,
      }));
    }
    let movementId = await nextId(tx, 'movements');
    for (const m of movements) m.id = movementId++;

    await bulkLoad(tx, ['partners', 'resellers', 'pools', 'clients', 'subscriptions', 'terms', 'movements'], async () => {
      await insertRows(tx, 'partners', partners);
      await insertRows(tx, 'resellers', resellers);
      await insertRows(tx, 'pools', pools.map(({ key: _key, ...p }) => p));
      await insertRows(tx, 'clients', clients);
      await insertRows(tx, 'subscriptions', subscriptions);
      await insertRows(tx, 'terms', terms);
      await insertRows(tx, 'movements', movements);
    });
    await markDerivedAsOf(tx, today);
    return {
      partners: partners.length,
      resellers: resellers.length,
      clients: clients.length,
      subscriptions: subscriptions.length,
      terms: terms.length,
      movements: movements.length,
    };
  });
}
