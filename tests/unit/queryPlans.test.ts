import { describe, expect, it } from 'vitest';
import { clientsSpec } from '../../server/src/resources/clients.ts';
import { subscriptionsSpec } from '../../server/src/resources/subscriptions.ts';
import { pageQuery, parseResourceQuery, type ResourceSpec } from '../../server/src/http/resource.ts';
import { testDatabase } from '../helpers/testApp.ts';
import { SYSTEM_SCOPE } from '../../server/src/domain/access.ts';

/** The plan SQLite picks for a list page: status filters and end-date sorting must use an index. */
async function planOf(spec: ResourceSpec, params: { filter?: object; sort?: [string, string] }) {
  const t = await testDatabase();
  const query = parseResourceQuery(spec, {
    filter: JSON.stringify(params.filter ?? {}),
    sort: JSON.stringify(params.sort ?? ['id', 'ASC']),
    range: '[0,24]',
  });
  const compiled = pageQuery(t.db, spec, query, SYSTEM_SCOPE).compile();
  const rows = t.sqlite!.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[]));
  await t.close();
  return (rows as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('list queries are answered by indexes', () => {
  it('clients to renew sorted by end date', async () => {
    const plan = await planOf(clientsSpec, { filter: { to_renew: true }, sort: ['end_date', 'ASC'] });
    expect(plan).toMatch(/USING INDEX clients_to_renew_end/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
  it('clients of one status sorted by end date', async () => {
    const plan = await planOf(clientsSpec, { filter: { status: 'expiring' }, sort: ['end_date', 'ASC'] });
    expect(plan).toMatch(/USING INDEX clients_status_end/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
  it('all clients sorted by end date', async () => {
    const plan = await planOf(clientsSpec, { sort: ['end_date', 'DESC'] });
    expect(plan).toMatch(/USING INDEX clients_end/);
  });
  it('subscriptions to renew sorted by end date', async () => {
    const plan = await planOf(subscriptionsSpec, { filter: { to_renew: true }, sort: ['end_date', 'ASC'] });
    expect(plan).toMatch(/USING INDEX subscriptions_to_renew_end/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
  it('subscriptions of a client', async () => {
    const plan = await planOf(subscriptionsSpec, { filter: { client_id: 7 } });
    expect(plan).toMatch(/USING INDEX sqlite_autoindex_subscriptions_1|USING INDEX subscriptions_client/);
  });
});
