import fs from 'node:fs';
import { createClock } from '../clock.ts';
import { databasePath, loadConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { orExit } from '../operatorError.ts';
import { seedBilling } from '../seed/billing.ts';
import { seedUsage } from '../seed/usage.ts';
import { seedDatabase } from '../seed/generate.ts';
import { addDemoLogins, demoLoginsText } from '../seed/demoLogins.ts';
import { runDailyJobs } from '../jobs/daily.ts';

/**
 * npm run demo: the console on a demo database (data/demo.db unless DATABASE_URL says otherwise),
 * created on first run with ~300 clients and one login per role, then the production server.
 */
process.env.DATABASE_URL ??= 'file:data/demo.db';
// In the demo the daily jobs run as soon as the server starts on a new day, so moving TODAY
// (e.g. TODAY=2027-01-10 npm run demo) shows the auto-renewals and reminders of that day at once.
process.env.DAILY_JOBS_AT ??= '00:00';
const config = orExit(() => loadConfig());
const file = databasePath(config.DATABASE_URL);
if (!fs.existsSync(file)) {
  const clock = createClock({ timeZone: config.TIME_ZONE, pinnedToday: config.TODAY });
  const today = clock.today();
  const connection = openDatabase(file);
  orExit(() => migrate(connection.sqlite));
  const summary = await seedDatabase(connection.db, { clients: 300, today, now: clock.now() });
  const billing = await seedBilling(connection.db, { today, now: clock.now() });
  await addDemoLogins(connection.db, clock.now());
  const usage = await seedUsage(connection.db, { today, now: clock.now() });
  // Today's auto-renewals and reminders, so the bell and the renewal histories have something to show.
  const jobs = await runDailyJobs(connection.db, { today, now: clock.now() }, null);
  await connection.close();
  console.log(`Daily jobs for ${today}:`, jobs);
  console.log(`Demo database ${file} created for ${today}:`, { ...summary, ...billing, ...usage });
}
console.log(`Cascade demo: http://localhost:${config.PORT}  (database ${file}; delete it to start afresh)`);
console.log(`Demo logins (role, email, password):\n${demoLoginsText()}`);
await import('../index.ts');
