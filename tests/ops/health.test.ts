import request from 'supertest';
import { describe, expect, it, onTestFinished } from 'vitest';
import pino from 'pino';
import { createApp } from '../../server/src/app.ts';
import { testApp } from '../helpers/testApp.ts';

describe('health probes (public, no session)', () => {
  it('/api/health answers liveness with the day and the instant (the console times undo windows by it), /api/health/ready answers ready', async () => {
    const t = await testApp('2026-11-26');
    const live = await request(t.server).get('/api/health');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok', today: '2026-11-26', now: '2026-11-26T12:00:00.000Z' });
    const ready = await request(t.server).get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('is not ready once the server is shutting down, so a load balancer stops sending, while liveness still answers', async () => {
    const t = await testApp();
    let stopping = false;
    const app = createApp({ db: t.db, clock: t.clock, logger: pino({ level: 'silent' }), stopping: () => stopping });
    expect((await request(app).get('/api/health/ready')).status).toBe(200);
    stopping = true;
    const ready = await request(app).get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', reason: 'the server is shutting down' });
    expect((await request(app).get('/api/health')).status).toBe(200);
  });

  it('is not ready, naming it, while a migration file of this build is not applied', async () => {
    const t = await testApp();
    t.sqlite!.prepare("DELETE FROM schema_migrations WHERE name = '0007_idempotency_by_login.sql'").run();
    const ready = await request(t.server).get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', reason: 'migrations not applied: 0007_idempotency_by_login.sql' });
  });

  it('is not ready when the database does not answer in time, while liveness still answers', async () => {
    const t = await testApp();
    // A transaction that holds the one connection (a wedged writer): the readiness read has to wait.
    let release!: () => void;
    const held = t.db.transaction().execute(() => new Promise<void>((resolve) => (release = resolve)));
    onTestFinished(async () => {
      release();
      await held;
    });
    const started = performance.now();
    const ready = await request(t.server).get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', reason: 'the database did not answer within 2000 ms' });
    expect(performance.now() - started).toBeLessThan(3000);
    expect((await request(t.server).get('/api/health')).status).toBe(200);
  });

  it('is not ready when the database is closed', async () => {
    const t = await testApp();
    t.sqlite!.close();
    const ready = await request(t.server).get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', reason: 'the database could not be read' });
  });
});
