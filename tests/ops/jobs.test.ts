import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { updateSubscriptionSettings } from '../../server/src/domain/subscriptions.ts';
import { dailyCheck, runDailyJobs } from '../../server/src/jobs/daily.ts';
import { createMailer, type MailTransport } from '../../server/src/mail.ts';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp, testDatabase, type TestDatabase } from '../helpers/testApp.ts';

// Terms ending 2026-11-30 renew automatically 14 days before: on 2026-11-16.
const RENEW_DAY = '2026-11-16';

/** A logger whose lines the test reads. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

async function autoRenewingClients(t: TestDatabase, names: string[]) {
  const h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 100);
  const ids: number[] = [];
  for (const name of names) {
    const { subscriptionIds } = await addClient(t, {
      name,
      reseller_id: h.resellers.alphaNord,
      subscriptions: [{ product_id: h.products.tbox, start_date: '2025-12-01', years: 1, seats: 3 }],
    });
    await t.db.transaction().execute((tx) => updateSubscriptionSettings(tx, t.ctx(), subscriptionIds[0], { auto_renew: true }));
    ids.push(subscriptionIds[0]);
  }
  return ids;
}

const liveTermCount = (t: TestDatabase, id: number) =>
  (t.sqlite!.prepare('SELECT count(*) AS n FROM terms WHERE subscription_id = ? AND undone_at IS NULL').get(id) as { n: number }).n;

describe('auto-renewal that recovers', () => {
  it('records a subscription failing unexpectedly, skips it, renews the others, and renews it at the next run', async () => {
    const t = await testDatabase(RENEW_DAY);
    const [broken, fine, alsoFine] = await autoRenewingClients(t, ['Atelier Dupont', 'Boulangerie Martin', 'Cave Roux']);
    // A fault no rule expects (a broken row, a bug): its term cannot be written.
    t.sqlite!.exec(`CREATE TRIGGER break_one BEFORE INSERT ON terms WHEN new.subscription_id = ${broken} BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const { logger, lines } = capturedLogger();

    const summary = await runDailyJobs(t.db, { today: RENEW_DAY, now: t.clock.now() }, null, { logger });
    expect(summary).toMatchObject({ renewed: 2, failed: 0, exhausted: 0, errors: [{ subscription_id: broken, error: 'disk on fire' }] });
    expect([liveTermCount(t, broken), liveTermCount(t, fine), liveTermCount(t, alsoFine)]).toEqual([1, 2, 2]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, subscription_id: broken, msg: expect.stringContaining('failed unexpectedly') }));

    t.sqlite!.exec('DROP TRIGGER break_one');
    t.clock.set('2026-11-17');
    const next = await runDailyJobs(t.db, { today: '2026-11-17', now: t.clock.now() }, null, { logger });
    expect(next).toMatchObject({ renewed: 1, errors: [] });
    expect([liveTermCount(t, broken), liveTermCount(t, fine), liveTermCount(t, alsoFine)]).toEqual([2, 2, 2]);
  });

  it('counts a day as done only once its run completed: a run that crashed part-way is run again at the next check', async () => {
    const t = await testDatabase(RENEW_DAY);
    const [sub] = await autoRenewingClients(t, ['Atelier Dupont']);
    // An expired session to prune, and pruning (the run's last step) crashes.
    const user = await sessionCookieFor(t, { email: 'old@example.fr', role: 'admin' });
    expect(user).toBeTruthy();
    t.sqlite!.exec('UPDATE sessions SET expires_at = 1');
    t.sqlite!.exec("CREATE TRIGGER crash BEFORE DELETE ON sessions BEGIN SELECT RAISE(ABORT, 'power cut'); END");
    const { logger, lines } = capturedLogger();
    let refreshed = 0;
    const check = dailyCheck(t.db, t.clock, { at: '00:00', mailer: null, logger, afterRun: () => refreshed++ });
    const dayDone = () => t.sqlite!.prepare('SELECT done_at IS NOT NULL AS done FROM daily_runs WHERE day = ?').get(RENEW_DAY);

    await expect(check()).rejects.toThrow('power cut');
    expect(dayDone()).toEqual({ done: 0 });
    expect(liveTermCount(t, sub)).toBe(2); // the renewal had committed
    expect(refreshed).toBe(1);

    t.sqlite!.exec('DROP TRIGGER crash');
    await check();
    expect(dayDone()).toEqual({ done: 1 });
    expect(liveTermCount(t, sub)).toBe(2); // not renewed twice
    expect(t.sqlite!.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    const done = lines.filter((l) => l.msg === 'daily jobs done');
    expect(done).toEqual([expect.objectContaining({ renewed: 0, pruned: expect.objectContaining({ sessions: 1 }) })]);

    await check(); // already done today
    expect(lines.filter((l) => l.msg === 'daily jobs done')).toHaveLength(1);
  });

  it('two servers checking at the same minute run the day once; a crashed run\'s claim lapses and another server takes over', async () => {
    const t = await testDatabase(RENEW_DAY);
    const subs = await autoRenewingClients(t, ['Atelier Dupont', 'Boulangerie Martin']);
    const { logger, lines } = capturedLogger();
    const options = { at: '00:00', mailer: null, logger, afterRun: () => {} };
    const [first, second] = [dailyCheck(t.db, t.clock, options), dailyCheck(t.db, t.clock, options)];
    await Promise.all([first(), second(), first(), second()]);
    expect(lines.filter((l) => l.msg === 'daily jobs done')).toEqual([expect.objectContaining({ renewed: 2, errors: [] })]);
    expect(subs.map((sub) => liveTermCount(t, sub))).toEqual([2, 2]);

    // The next day a server claims the day and dies before finishing: the others wait out its claim.
    t.clock.set('2026-11-28');
    t.sqlite!.prepare("INSERT INTO daily_runs (day, claimed_by, claimed_until) VALUES ('2026-11-28', 'dead-server', ?)").run(t.clock.instant() + 60_000);
    await second();
    expect(lines.filter((l) => l.msg === 'daily jobs done')).toHaveLength(1);
    t.clock.advance(30 * 60_000);
    await second();
    expect(lines.filter((l) => l.msg === 'daily jobs done')).toHaveLength(2);
    expect(t.sqlite!.prepare("SELECT done_at IS NOT NULL AS done FROM daily_runs WHERE day = '2026-11-28'").get()).toEqual({ done: 1 });
  });
});

describe('notification e-mails retried with backoff', () => {
  it('without a mail server, a new notification says its e-mail was not sent and why', async () => {
    const t = await testDatabase(RENEW_DAY);
    const h = await buildHierarchy(t);
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 3); // the first term only: the renewal will be short
    const { subscriptionIds } = await addClient(t, {
      name: 'Atelier Dupont',
      reseller_id: h.resellers.alphaNord,
      subscriptions: [{ product_id: h.products.tbox, start_date: '2025-12-01', years: 1, seats: 3 }],
    });
    await t.db.transaction().execute((tx) => updateSubscriptionSettings(tx, t.ctx(), subscriptionIds[0], { auto_renew: true }));
    await sessionCookieFor(t, { email: 'nord@example.fr', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord });
    const summary = await runDailyJobs(t.db, { today: RENEW_DAY, now: t.clock.now() }, null);
    // The failed auto-renewal and the 30-day reminder.
    expect(summary).toMatchObject({ failed: 1, notifications: 2, emails: 0 });
    expect(t.sqlite!.prepare('SELECT kind, email_status, email_last_error FROM notifications ORDER BY kind').all()).toEqual(
      ['auto_renew_failed', 'reminder'].map((kind) => ({ kind, email_status: 'failed', email_last_error: 'No mail server configured (SMTP_URL)' })),
    );
  });

  /** A mail server that refuses the first `failures` messages, then accepts. */
  function flakyTransport(failures: number): MailTransport & { tries: number; delivered: string[] } {
    const transport = {
      tries: 0,
      delivered: [] as string[],
      async sendMail(message: { to?: unknown }) {
        transport.tries++;
        if (transport.tries <= failures) throw new Error('421 mail server busy');
        transport.delivered.push((message.to as { address: string }).address);
        return {};
      },
    };
    return transport;
  }

  async function withNotification() {
    const s = await testApp();
    const cookie = await sessionCookieFor(s, { email: 'nord@example.fr', role: 'admin' });
    const { id: userId } = s.sqlite!.prepare("SELECT id FROM users WHERE email = 'nord@example.fr'").get() as { id: number };
    s.sqlite!
      .prepare("INSERT INTO notifications (user_id, kind, event_key, message, created_at) VALUES (?, 'reminder', 'reminder:1', 'Renouvelez Atelier Dupont', ?)")
      .run(userId, s.clock.now());
    let now = Date.parse('2026-11-26T08:00:00.000Z');
    const clock = { at: (minutes: number) => (now = Date.parse('2026-11-26T08:00:00.000Z') + minutes * 60_000), now: () => new Date(now).toISOString() };
    // The record itself (the list is cached until the scheduler's afterRun empties the cache).
    const bell = async () => (await request(s.app).get('/api/notifications/1').set('Cookie', cookie).expect(200)).body;
    return { s, clock, bell };
  }

  it('a failed send is retried after 1 then 5 minutes, and the bell shows its state', async () => {
    const { s, clock, bell } = await withNotification();
    const transport = flakyTransport(2);
    const mailer = createMailer(s.db, { transport, from: 'cascade@example.fr', logger: pino({ level: 'silent' }), now: clock.now });

    expect(await mailer.sendDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await bell()).toMatchObject({ email_status: 'pending', email_attempts: 1, email_next_attempt_at: '2026-11-26T08:01:00.000Z', emailed: false });
    expect(s.sqlite!.prepare('SELECT email_last_error FROM notifications').get()).toEqual({ email_last_error: '421 mail server busy' });

    clock.at(0.5); // not due yet: the server is left alone
    expect(await mailer.sendDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(transport.tries).toBe(1);

    clock.at(1);
    expect(await mailer.sendDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await bell()).toMatchObject({ email_status: 'pending', email_attempts: 2, email_next_attempt_at: '2026-11-26T08:06:00.000Z' });

    clock.at(6);
    expect(await mailer.sendDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await bell()).toMatchObject({ email_status: 'sent', email_attempts: 3, email_next_attempt_at: null, emailed: true });
    expect(transport.delivered).toEqual(['nord@example.fr']);

    clock.at(60 * 24);
    expect(await mailer.sendDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(transport.delivered).toHaveLength(1);
  });

  it("the scheduler's minute check sends the retries that are due, and empties the read cache", async () => {
    const { s, clock, bell } = await withNotification();
    const transport = flakyTransport(1);
    const mailer = createMailer(s.db, { transport, from: 'cascade@example.fr', logger: pino({ level: 'silent' }), now: clock.now });
    let refreshed = 0;
    // The day's jobs are not due (23:59): only the e-mails are sent.
    const check = dailyCheck(s.db, s.clock, { at: '23:59', mailer, logger: pino({ level: 'silent' }), afterRun: () => refreshed++ });
    await check();
    expect(await bell()).toMatchObject({ email_status: 'pending', email_attempts: 1 });
    clock.at(1);
    await check();
    expect(await bell()).toMatchObject({ email_status: 'sent', email_attempts: 2 });
    expect(refreshed).toBe(2);
    expect(s.sqlite!.prepare('SELECT count(*) AS n FROM daily_runs').get()).toEqual({ n: 0 });
  });

  it('gives up after six tries over about fifteen hours, and says so', async () => {
    const { s, clock, bell } = await withNotification();
    const transport = flakyTransport(Infinity);
    const mailer = createMailer(s.db, { transport, from: 'cascade@example.fr', logger: pino({ level: 'silent' }), now: clock.now });
    const triedAt = [0, 1, 6, 36, 156, 876];
    for (const [i, minute] of triedAt.entries()) {
      clock.at(minute);
      expect(await mailer.sendDue()).toEqual(i < 5 ? { sent: 0, retrying: 1, failed: 0 } : { sent: 0, retrying: 0, failed: 1 });
    }
    expect(await bell()).toMatchObject({ email_status: 'failed', email_attempts: 6, email_next_attempt_at: null, emailed: false });
    clock.at(60 * 48);
    await mailer.sendDue();
    expect(transport.tries).toBe(6);
  });
});
