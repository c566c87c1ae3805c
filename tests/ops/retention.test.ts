import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { checkInvariants } from '../../server/src/domain/invariants.ts';
import { pruneExpired, retentionOf } from '../../server/src/domain/retention.ts';
import { runDailyJobs } from '../../server/src/jobs/daily.ts';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { sessionCookieFor, testDatabase, type TestDatabase } from '../helpers/testApp.ts';

const NOW = '2026-11-26T12:00:00.000Z';
const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Years of history: licenses moved in 2020, then a log of each kind, some old and some recent. */
async function databaseWithHistory() {
  const t = await testDatabase('2020-03-01');
  const h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 50);
  await addClient(t, { name: 'Atelier Dupont', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2020-03-01', years: 1, seats: 3 }] });
  t.clock.set('2026-11-26');
  await sessionCookieFor(t, { email: 'a@example.fr', role: 'admin' });
  const { id: userId } = t.sqlite!.prepare('SELECT id FROM users').get() as { id: number };
  const instant = Date.parse(NOW);

  const key = t.sqlite!.prepare(
    "INSERT INTO idempotency_keys (login_id, key, fingerprint, status, body, created_at, touched_at) VALUES (?, ?, 'f', ?, '{}', ?, ?)",
  );
  key.run(userId, 'old', 201, ago(49 * HOUR), ago(49 * HOUR));
  key.run(userId, 'recent', 201, ago(47 * HOUR), ago(47 * HOUR));
  key.run(userId, 'long-running', 0, ago(50 * HOUR), ago(HOUR)); // an action still holding its key

  t.sqlite!.exec('DELETE FROM sessions');
  const session = t.sqlite!.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  session.run('expired', userId, instant - 13 * HOUR, instant - HOUR, instant - HOUR);
  session.run('idle', userId, instant - 4 * HOUR, instant - 3 * HOUR, instant + 8 * HOUR);
  session.run('live', userId, instant - HOUR, instant - 60_000, instant + 11 * HOUR);

  const access = t.sqlite!.prepare("INSERT INTO access_log (event, email, created_at) VALUES ('login_success', ?, ?)");
  access.run('old@example.fr', ago(366 * DAY));
  access.run('recent@example.fr', ago(364 * DAY));
  const change = t.sqlite!.prepare("INSERT INTO changes (actor, action, resource, created_at) VALUES ('a@example.fr', ?, 'clients', ?)");
  change.run('old', ago(731 * DAY));
  change.run('recent', ago(729 * DAY));
  const limit = t.sqlite!.prepare('INSERT INTO rate_limits (key, hits, reset_at) VALUES (?, 3, ?)');
  limit.run('login-ip:ended', instant - 1);
  limit.run('login-ip:open', instant + 60_000);
  return { t, instant };
}

const column = (t: TestDatabase, source: string) => t.sqlite!.prepare(source).pluck().all();
const ledger = (t: TestDatabase) => t.sqlite!.prepare('SELECT * FROM movements ORDER BY id').all();

describe('retention', () => {
  it('prunes what is past its retention, keeps what is recent, and never touches the ledger', async () => {
    const { t, instant } = await databaseWithHistory();
    const movements = ledger(t);
    expect(movements.length).toBeGreaterThan(0);
    expect(movements.every((m) => (m as { created_at: string }).created_at < ago(730 * DAY))).toBe(true);

    // Changes: the old one and the client's creation in 2020.
    expect(await pruneExpired(t.db, { now: NOW, instant })).toEqual({ idempotency_keys: 1, sessions: 2, access_log: 1, changes: 2, rate_limits: 1 });
    expect(column(t, 'SELECT key FROM rate_limits')).toEqual(['login-ip:open']);
    expect(column(t, 'SELECT key FROM idempotency_keys ORDER BY key')).toEqual(['long-running', 'recent']);
    expect(column(t, 'SELECT token_hash FROM sessions')).toEqual(['live']);
    expect(column(t, 'SELECT email FROM access_log')).toEqual(['recent@example.fr']);
    expect(column(t, 'SELECT action FROM changes')).toEqual(['recent']);
    expect(ledger(t)).toEqual(movements);
    expect(await checkInvariants(t.db)).toEqual([]);

    expect(await pruneExpired(t.db, { now: NOW, instant })).toEqual({ idempotency_keys: 0, sessions: 0, access_log: 0, changes: 0, rate_limits: 0 });
  });

  it('is done by the daily job with the configured settings', async () => {
    const { t, instant } = await databaseWithHistory();
    const movements = ledger(t);
    const retention = retentionOf(loadConfig({ ACCESS_LOG_RETENTION_DAYS: '30', CHANGE_LOG_RETENTION_DAYS: '3650', IDEMPOTENCY_KEY_RETENTION_HOURS: '1' }));
    const summary = await runDailyJobs(t.db, { today: '2026-11-26', now: NOW }, null, { retention, instant });
    expect(summary.pruned).toEqual({ idempotency_keys: 2, sessions: 2, access_log: 2, changes: 0, rate_limits: 1 });
    expect(column(t, 'SELECT key FROM idempotency_keys')).toEqual(['long-running']);
    expect(ledger(t)).toEqual(movements);
  });

  it('settings default to 48 hours, 365 and 730 days; a bad value names its variable', () => {
    expect(retentionOf(loadConfig({}))).toEqual({ idempotencyKeyHours: 48, accessLogDays: 365, changeLogDays: 730 });
    expect(() => loadConfig({ ACCESS_LOG_RETENTION_DAYS: 'forever' })).toThrow(/ACCESS_LOG_RETENTION_DAYS/);
    expect(() => loadConfig({ IDEMPOTENCY_KEY_RETENTION_HOURS: '0' })).toThrow(/IDEMPOTENCY_KEY_RETENTION_HOURS/);
    expect(() => loadConfig({ CHANGE_LOG_RETENTION_DAYS: '1.5' })).toThrow(/CHANGE_LOG_RETENTION_DAYS: must be a whole number of days/);
  });
});
