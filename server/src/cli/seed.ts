import { z } from 'zod';
import { createClock } from '../clock.ts';
import { databasePath, loadConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { orExit } from '../operatorError.ts';
import { seedDatabase } from '../seed/generate.ts';
import { parseCliOptions } from './args.ts';

/** npm run seed -- --clients N [--seed S]: fills DATABASE_URL with generated data (no logins). */
const options = parseCliOptions(
  z.object({
    clients: z.coerce.number().int().min(1).max(1_000_000).default(300),
    seed: z.coerce.number().int().min(0).default(1),
  }),
);
const config = orExit(() => loadConfig());
const clock = createClock({ timeZone: config.TIME_ZONE, pinnedToday: config.TODAY });
const today = clock.today();
// Seeding is a SQLite bulk load; for PostgreSQL, seed a file and copy it (npm run migrate-to-postgres).
const connection = openDatabase(orExit(() => databasePath(config.DATABASE_URL)));
orExit(() => migrate(connection.sqlite));
// Seeding adds to what is there: a second run would double the catalogue and the clients.
const existing = connection.sqlite
  .prepare('SELECT (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM partners) AS partners, (SELECT count(*) FROM clients) AS clients')
  .get() as { products: number; partners: number; clients: number };
if (existing.products + existing.partners + existing.clients > 0) {
  console.error(
    `${config.DATABASE_URL} already holds data (${existing.products} products, ${existing.partners} partners, ${existing.clients} clients): ` +
      'seeding is for an empty database. Point DATABASE_URL at a new file, or delete this one to start afresh.',
  );
  await connection.close();
  process.exit(1);
}
// A one-off bulk load: a large page cache and in-memory sorting for the index builds, and no fsync
// until the end (a crash only means seeding again).
connection.sqlite.pragma('cache_size = -262144');
connection.sqlite.pragma('temp_store = MEMORY');
connection.sqlite.pragma('synchronous = OFF');
const started = performance.now();
const summary = await seedDatabase(connection.db, { clients: options.clients, today, now: clock.now(), seed: options.seed });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`Seeded ${config.DATABASE_URL} for ${today} in ${seconds} s:`, summary);
await connection.close();
