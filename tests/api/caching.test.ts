import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { testApp } from '../helpers/testApp.ts';

describe('cached totals and dashboard figures follow every write and the change of day', () => {
  it('a new client and a renewal show at once in totals and on the dashboard', async () => {
    const t = await testApp('2026-11-26');
    const h = await buildHierarchy(t);
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 100);
    const first = await addClient(t, {
      name: 'Atelier Dupont',
      reseller_id: h.resellers.alphaNord,
      subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 2 }],
    });
    const total = async () => (await request(t.app).get('/api/clients').query({ filter: JSON.stringify({ to_renew: true }) })).headers['content-range'];
    expect(await total()).toBe('clients 0-0/1');
    expect((await request(t.app).get('/api/dashboard')).body.clients_to_renew).toBe(1);

    const created = await request(t.app)
      .post('/api/clients')
      .send({ name: 'Garage Morel', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2026-02-01', years: 1, seats: 1 }] });
    expect(created.status).toBe(201);
    expect(await total()).toBe('clients 0-1/2');
    expect((await request(t.app).get('/api/dashboard')).body.clients_to_renew).toBe(2);

    await request(t.app).post(`/api/subscriptions/${first.subscriptionIds[0]}/renew`).send({ years: 1 });
    expect(await total()).toBe('clients 0-0/1');
    expect((await request(t.app).get('/api/dashboard')).body).toMatchObject({ clients_to_renew: 1, renewed: 1 });

    // Months later, with no write in between, the statuses and figures are those of the new day.
    t.clock.set('2027-03-01');
    expect(await total()).toBe('clients 0-0/1');
    expect((await request(t.app).get('/api/dashboard')).body).toMatchObject({ clients_to_renew: 1, expired: 1, renewed: 0, active: 1 });
  });
});
