import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.ts';
import { migrate, migrationFiles } from '../../server/src/db/migrate.ts';
import { migratePostgres, openPostgres } from '../../server/src/db/postgres.ts';
import { MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR } from '../../server/src/paths.ts';
import { describePostgres, usePostgresCluster } from '../helpers/postgres.ts';

/**
 * Migration 0017: invoices issued before it take their parties' identities of the day it runs
 * (legal name, else the console name), and stay immutable afterwards.
 */

const MIGRATION = '0017_pool_short_and_frozen_identities.sql';
let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** The migrations before 0017, in a directory of their own. */
function before0017(from: string) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-0017-'));
  const files = migrationFiles(from);
  for (const file of files.slice(0, files.indexOf(MIGRATION))) fs.copyFileSync(path.join(from, file), path.join(dir, file));
  return dir;
}

// An invoice from the publisher to Alpha, one from Alpha to its reseller Nord (no legal name: its console name).
const OLD_ROWS = `
  INSERT INTO publisher (id, legal_name, address, siren, vat_number) VALUES (1, 'Cascade Éditions SAS', '10 avenue de France', '552100554', 'FR51552100554');
  INSERT INTO partners (id, name, email, search_name, legal_name, siren, vat_number) VALUES (1, 'Alpha', 'a@example.fr', 'alpha', 'Alpha Distribution SAS', '732829320', 'FR44732829320');
  INSERT INTO resellers (id, name, email, partner_id, search_name) VALUES (1, 'Nord', 'n@example.fr', 1, 'nord');
  INSERT INTO orders (id, buyer_type, buyer_id, supplier_type, supplier_id, partner_id, reseller_id, status, vat_rate_percent, total_excl_vat_cents, vat_cents, total_incl_vat_cents, created_by, created_at)
    VALUES (1, 'partner', 1, 'publisher', NULL, 1, NULL, 'fulfilled', 20, 100, 20, 120, 'x', '2026-11-01T00:00:00.000Z'),
           (2, 'reseller', 1, 'partner', 1, 1, 1, 'fulfilled', 20, 100, 20, 120, 'x', '2026-11-01T00:00:00.000Z');
  INSERT INTO invoices (id, number, kind, issuer_type, issuer_id, issuer_key, buyer_type, buyer_id, partner_id, reseller_id, order_id, issued_on, due_on, vat_rate_percent, total_excl_vat_cents, vat_cents, total_incl_vat_cents, created_at)
    VALUES (1, '2026-000001', 'invoice', 'publisher', NULL, 'publisher', 'partner', 1, 1, NULL, 1, '2026-11-01', '2026-12-01', 20, 100, 20, 120, '2026-11-01T00:00:00.000Z'),
           (2, '2026-000001', 'invoice', 'partner', 1, 'partner:1', 'reseller', 1, 1, 1, 2, '2026-11-01', '2026-12-01', 20, 100, 20, 120, '2026-11-01T00:00:00.000Z');
`;
const FROZEN = 'SELECT issuer_legal_name, issuer_siren, issuer_vat_number, buyer_legal_name, buyer_vat_number FROM invoices ORDER BY id';
const EXPECTED = [
  { issuer_legal_name: 'Cascade Éditions SAS', issuer_siren: '552100554', issuer_vat_number: 'FR51552100554', buyer_legal_name: 'Alpha Distribution SAS', buyer_vat_number: 'FR44732829320' },
  { issuer_legal_name: 'Alpha Distribution SAS', issuer_siren: '732829320', issuer_vat_number: 'FR44732829320', buyer_legal_name: 'Nord', buyer_vat_number: null },
];

describe('migration 0017 on SQLite', () => {
  it("fills existing invoices with today's identities, and they stay immutable", () => {
    const { sqlite, close } = openDatabase(':memory:');
    migrate(sqlite, before0017(MIGRATIONS_DIR));
    sqlite.exec(OLD_ROWS);
    migrate(sqlite, MIGRATIONS_DIR);
    expect(sqlite.prepare(FROZEN).all()).toEqual(EXPECTED);
    expect(() => sqlite.prepare("UPDATE invoices SET buyer_legal_name = 'x'").run()).toThrow(/immutable/);
    close();
  });
});

describePostgres('migration 0017 on PostgreSQL', () => {
  const cluster = usePostgresCluster();

  it('fills them the same way', async () => {
    const postgres = openPostgres(await cluster().createDatabase(), 2);
    try {
      await migratePostgres(postgres.pool, before0017(POSTGRES_MIGRATIONS_DIR));
      await postgres.pool.query(OLD_ROWS);
      await migratePostgres(postgres.pool);
      expect((await postgres.pool.query(FROZEN)).rows).toEqual(EXPECTED);
      await expect(postgres.pool.query("UPDATE invoices SET buyer_legal_name = 'x'")).rejects.toThrow(/immutable/);
    } finally {
      await postgres.close();
    }
  });
});
