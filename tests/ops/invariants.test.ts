import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { checkInvariants } from '../../server/src/domain/invariants.ts';
import { changeSeats, renewSubscription } from '../../server/src/domain/subscriptions.ts';
import { undoClientCreation, undoRenewal } from '../../server/src/domain/undo.ts';
import { seedDatabase } from '../../server/src/seed/generate.ts';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp, testDatabase, type TestDatabase } from '../helpers/testApp.ts';

/**
 * A database where every license-moving action has happened once: creation, renewal, seat
 * addition, undone renewal, undone client creation. Its invariants hold; raw SQL then breaks them.
 */
async function busyDatabase(given?: TestDatabase) {
  const t = given ?? (await testDatabase());
  const h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 100);
  const kept = await addClient(t, {
    name: 'Atelier Dupont',
    reseller_id: h.resellers.alphaNord,
    subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 3 }],
  });
  const undone = await addClient(t, {
    name: 'Boulangerie Martin',
    reseller_id: h.resellers.alphaNord,
    subscriptions: [{ product_id: h.products.tbox, start_date: '2026-02-01', years: 1, seats: 2 }],
  });
  const sub = kept.subscriptionIds[0];
  await t.db.transaction().execute(async (tx) => {
    await renewSubscription(tx, t.ctx(), sub, {});
    await undoRenewal(tx, t.ctx(), sub);
    await renewSubscription(tx, t.ctx(), sub, { years: 2 });
    await changeSeats(tx, t.ctx(), sub, 5);
    await undoClientCreation(tx, t.ctx(), undone.id);
  });
  const pool = t.sqlite!.prepare('SELECT id FROM pools WHERE reseller_id = ? AND product_id = ?').get(h.resellers.alphaNord, h.products.tbox) as { id: number };
  const liveTerm = t.sqlite!.prepare('SELECT * FROM terms WHERE subscription_id = ? AND undone_at IS NULL ORDER BY id LIMIT 1').get(sub) as { id: number; start_date: string; end_date: string };
  return { t, h, sub, poolId: pool.id, liveTerm };
}

/** Inserts a ledger row by hand, debiting the pool too, so that only the rule under test breaks. */
function consume(t: TestDatabase, poolId: number, quantity: number, termId: number | null, subscriptionId: number, reason: string | null = null) {
  t.sqlite!
    .prepare(
      `INSERT INTO movements (kind, product_id, quantity, from_pool_id, subscription_id, term_id, actor, reason, created_at)
       SELECT 'consume', product_id, ?, id, ?, ?, 'intruder', ?, '2026-11-26T10:00:00.000Z' FROM pools WHERE id = ?`,
    )
    .run(quantity, subscriptionId, termId, reason, poolId);
  t.sqlite!.prepare('UPDATE pools SET balance = balance - ? WHERE id = ?').run(quantity, poolId);
}

const kinds = (faults: { kind: string }[]) => faults.map((f) => f.kind);

describe('checkInvariants', () => {
  it('finds no fault after creations, renewals, a seat addition and both kinds of undo', async () => {
    const { t } = await busyDatabase();
    expect(await checkInvariants(t.db)).toEqual([]);
  });

  it('finds no fault in a freshly seeded database', async () => {
    const t = await testDatabase();
    await seedDatabase(t.db, { clients: 300, today: t.clock.today(), seed: 3 });
    expect(await checkInvariants(t.db)).toEqual([]);
  });

  it('reports a pool whose balance differs from its ledger, naming the pool and both numbers', async () => {
    const { t, poolId } = await busyDatabase();
    t.sqlite!.prepare('UPDATE pools SET balance = balance + 7 WHERE id = ?').run(poolId);
    const faults = await checkInvariants(t.db);
    expect(kinds(faults)).toEqual(['pool_balance']);
    expect(faults[0].message).toMatch(new RegExp(`^pool ${poolId} \\(reseller \\d+, product \\d+\\): balance \\d+ but its ledger movements sum to \\d+$`));
  });

  it('reports a negative balance', async () => {
    const { t, poolId } = await busyDatabase();
    t.sqlite!.pragma('ignore_check_constraints = ON');
    t.sqlite!.prepare('UPDATE pools SET balance = -3 WHERE id = ?').run(poolId);
    const faults = await checkInvariants(t.db);
    expect(kinds(faults).sort()).toEqual(['negative_balance', 'pool_balance']);
    expect(faults.find((f) => f.kind === 'negative_balance')!.message).toContain(`pool ${poolId}`);
  });

  it('reports a live term paid twice, and one never paid', async () => {
    const { t, sub, poolId, liveTerm } = await busyDatabase();
    consume(t, poolId, 3, liveTerm.id, sub);
    t.sqlite!
      .prepare("INSERT INTO terms (subscription_id, start_date, end_date, years, seats, created_at) VALUES (?, '2040-01-01', '2040-12-31', 1, 1, '2026-11-26')")
      .run(sub);
    const faults = await checkInvariants(t.db);
    expect(faults.map((f) => f.message)).toEqual([
      expect.stringMatching(new RegExp(`^term ${liveTerm.id} \\(subscription ${sub}, .*\\): live but paid by 2 consume movements instead of 1$`)),
      expect.stringMatching(/live but paid by 0 consume movements instead of 1$/),
    ]);
  });

  it('reports an undone term whose licenses were not given back', async () => {
    const { t, liveTerm } = await busyDatabase();
    t.sqlite!.prepare("UPDATE terms SET undone_at = '2026-11-26T10:00:00.000Z' WHERE id = ?").run(liveTerm.id);
    const faults = await checkInvariants(t.db);
    expect(kinds(faults)).toEqual(['undo_refund']);
    expect(faults[0].message).toMatch(new RegExp(`^term ${liveTerm.id} .*: undone, consumed \\d+ licenses but 0 were given back$`));
  });

  it('reports overlapping live terms of one subscription', async () => {
    const { t, sub, poolId, liveTerm } = await busyDatabase();
    const { id } = t.sqlite!
      .prepare("INSERT INTO terms (subscription_id, start_date, end_date, years, seats, created_at) VALUES (?, ?, '2099-01-01', 1, 1, '2026-11-26') RETURNING id")
      .get(sub, liveTerm.end_date) as { id: number };
    consume(t, poolId, 1, id, sub);
    const faults = await checkInvariants(t.db);
    expect(kinds(faults)).toEqual(['overlapping_terms', 'overlapping_terms']);
    expect(faults[0].message).toContain(`subscription ${sub}: live terms ${liveTerm.id} (${liveTerm.start_date} → ${liveTerm.end_date}) and ${id}`);
  });

  it('reports licenses consumed for no term, and a ledger row deleted behind its back', async () => {
    const { t, sub, poolId } = await busyDatabase();
    consume(t, poolId, 4, null, sub);
    t.sqlite!.exec('DROP TRIGGER IF EXISTS movements_immutable_delete');
    t.sqlite!.prepare("DELETE FROM movements WHERE id = (SELECT max(id) FROM movements WHERE kind = 'allocate')").run();
    const faults = await checkInvariants(t.db);
    expect(kinds(faults).sort()).toEqual(['pool_balance', 'pool_balance', 'stray_consume']);
    expect(faults.find((f) => f.kind === 'stray_consume')!.message).toMatch(/^movement \d+: consumes 4 licenses from pool \d+ for no term$/);
  });
});

describe('npm run check', () => {
  it('prints OK and exits 0 on a sound database, prints each fault and exits 1 on a broken one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-check-'));
    try {
      const file = path.join(dir, 'cascade.db');
      const connection = openDatabase(file);
      migrate(connection.sqlite);
      await seedDatabase(connection.db, { clients: 100, today: '2026-11-26', seed: 2 });
      const check = () =>
        spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/check.ts'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: `file:${file}` } });
      const sound = check();
      expect(sound.status).toBe(0);
      expect(sound.stdout).toMatch(/^OK: the invariants hold \(\d+ pools, \d+ terms, \d+ movements of .*cascade\.db in \d+ ms\)\n$/);

      connection.sqlite.prepare('UPDATE pools SET balance = balance + 2 WHERE id = 3').run();
      await connection.close();
      const broken = check();
      expect(broken.status).toBe(1);
      expect(broken.stdout).toMatch(/^FAULT pool_balance: pool 3 \(.*\): balance \d+ but its ledger movements sum to \d+\n1 fault\(s\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GET /api/health/ledger', () => {
  it('answers admins ok, then the faults once the ledger is broken', async () => {
    const s = await testApp();
    const { poolId } = await busyDatabase(s);
    expect((await request(s.app).get('/api/health/ledger').expect(200)).body).toEqual({ status: 'ok', checked_at: s.clock.now(), faults: [] });
    s.sqlite!.prepare('UPDATE pools SET balance = balance + 1 WHERE id = ?').run(poolId);
    // One answer serves for 10 s (the check reads the whole ledger).
    expect((await request(s.app).get('/api/health/ledger').expect(200)).body.status).toBe('ok');
    s.clock.advance(10_000);
    const broken = await request(s.app).get('/api/health/ledger').expect(200);
    expect(broken.body).toMatchObject({ status: 'faults', faults: [{ kind: 'pool_balance', message: expect.stringContaining(`pool ${poolId}`) }] });
  });

  it('is refused to partners and resellers (403) and to visitors without a session (401)', async () => {
    const s = await testApp();
    const { h } = await busyDatabase(s);
    const partner = await sessionCookieFor(s, { email: 'p@example.fr', role: 'partner', partner_id: h.partners.alpha });
    const reseller = await sessionCookieFor(s, { email: 'r@example.fr', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord });
    await request(s.app).get('/api/health/ledger').set('Cookie', partner).expect(403);
    await request(s.app).get('/api/health/ledger').set('Cookie', reseller).expect(403);
    await request(s.server).get('/api/health/ledger').expect(401);
  });
});

/** Ledger rows can be neither updated nor deleted, whatever statement tries (migrations 0001, 0008). */
describe('the ledger is append-only', () => {
  async function ledger() {
    const t = await testDatabase();
    const h = await buildHierarchy(t);
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 10);
    await addClient(t, { name: 'Atelier Dupont', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 2 }] });
    const rows = () => t.sqlite!.prepare('SELECT * FROM movements ORDER BY id').all();
    return { t, rows, before: rows() };
  }

  it('refuses to delete a movement, one or all', async () => {
    const { t, rows, before } = await ledger();
    expect(before).toHaveLength(3);
    expect(() => t.sqlite!.prepare('DELETE FROM movements WHERE id = 1').run()).toThrow(/movements are immutable/);
    expect(() => t.sqlite!.exec('DELETE FROM movements')).toThrow(/movements are immutable/);
    expect(rows()).toEqual(before);
  });

  it('refuses to change a movement', async () => {
    const { t, rows, before } = await ledger();
    expect(() => t.sqlite!.prepare('UPDATE movements SET quantity = 1 WHERE id = 1').run()).toThrow(/movements are immutable/);
    expect(rows()).toEqual(before);
  });
});
