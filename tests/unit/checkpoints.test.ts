import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startCheckpointer } from '../../server/src/db/checkpoints.ts';
import { openDatabase } from '../../server/src/db/connection.ts';

describe('the checkpointer thread', () => {
  it('copies committed pages from the WAL into the database file while the writer never checkpoints', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-checkpoint-'));
    const file = path.join(dir, 'c.db');
    const connection = openDatabase(file);
    onTestFinished(async () => {
      await connection.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    connection.sqlite.pragma('wal_autocheckpoint = 0');
    connection.sqlite.exec('CREATE TABLE t (x TEXT)');
    connection.sqlite.prepare("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000) INSERT INTO t SELECT hex(randomblob(500)) FROM n").run();
    const before = fs.statSync(file).size;
    const checkpointer = startCheckpointer(file, 20);
    const deadline = Date.now() + 5000;
    while (fs.statSync(file).size <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await checkpointer.stop();
    expect(fs.statSync(file).size).toBeGreaterThan(before + 2_000_000);
  });
});
