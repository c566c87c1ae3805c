import { sql, type SqlBool } from 'kysely';
import type { Db, Tx } from '../data/transact.ts';
import { inScope } from './access.ts';
import type { ActionContext } from './context.ts';
import { ConflictError, ValidationError } from './errors.ts';

/**
 * Usage reports (DESIGN §7): a publisher's licence server says how many users each subscription
 * really has. Every report is kept (history); the latest by measured_at is the subscription's
 * `active_users`, the floor under its seats: no seat change, scheduled change or renewal may go
 * below it, and an auto-renewal renews at least that many seats.
 */

export type UsageReport = { active_users: number; measured_at: string } & (
  | { subscription_id: number }
  | { client_reference: string; product_code: string }
);

/** The subscription a report names, or why it names none (the field and the reason). */
async function subscriptionOf(tx: Db, ctx: ActionContext, report: UsageReport): Promise<number | { field: string; message: string; code: string }> {
  const visible = inScope(ctx.scope, 'subscriptions.partner_id', 'subscriptions.reseller_id');
  if ('subscription_id' in report) {
    const row = await tx
      .selectFrom('subscriptions')
      .select('id')
      .where('id', '=', report.subscription_id)
      .where('archived', '=', 0)
      .where(visible)
      .executeTakeFirst();
    return row ? row.id : { field: 'subscription_id', message: `Unknown subscription ${report.subscription_id}`, code: 'unknown_subscription' };
  }
  // A reference is unique per manager (clients.reference_key = "<manager>:<folded reference>"), so
  // one reference may name clients of several managers: that is refused rather than guessed.
  const folded = report.client_reference.normalize('NFC').toLowerCase();
  const candidates = await tx
    .selectFrom('clients')
    .select(['id', 'reference_key'])
    .where('archived', '=', 0)
    // The key's end, compared as text alike in both dialects (no LIKE: its escaping differs).
    .where(sql<SqlBool>`substr(clients.reference_key, length(clients.reference_key) - ${folded.length}) = ${`:${folded}`}`)
    .where(inScope(ctx.scope, 'clients.partner_id', 'clients.reseller_id'))
    .execute();
  const clients = candidates.filter((c) => c.reference_key!.slice(c.reference_key!.indexOf(':') + 1) === folded);
  if (clients.length === 0) return { field: 'client_reference', message: `No client has the reference ${report.client_reference}`, code: 'unknown_reference' };
  if (clients.length > 1) return { field: 'client_reference', message: `The reference ${report.client_reference} names ${clients.length} clients`, code: 'ambiguous_reference' };
  const row = await tx
    .selectFrom('subscriptions')
    .innerJoin('products', 'products.id', 'subscriptions.product_id')
    .select('subscriptions.id')
    .where('subscriptions.client_id', '=', clients[0].id)
    .where('subscriptions.archived', '=', 0)
    .where('products.code', '=', report.product_code)
    .executeTakeFirst();
  return row ? row.id : { field: 'product_code', message: `The client ${report.client_reference} has no ${report.product_code} subscription`, code: 'unknown_subscription' };
}

/**
 * Applies a call's reports at once, all or nothing: a report naming no subscription makes the
 * whole call a 400 naming its index. Resolves to the number of reports accepted.
 */
export async function recordUsage(tx: Tx, ctx: ActionContext, reports: UsageReport[]): Promise<number> {
  const targets: number[] = [];
  const errors: Record<string, string> = {};
  let code: string | undefined;
  for (const [i, report] of reports.entries()) {
    const target = await subscriptionOf(tx, ctx, report);
    if (typeof target === 'number') targets.push(target);
    else {
      errors[`reports.${i}.${target.field}`] = target.message;
      code ??= target.code;
    }
  }
  if (code) {
    const [first] = Object.entries(errors);
    throw Object.assign(new ValidationError(`Report ${first[0].split('.')[1]}: ${first[1]}; nothing was applied`, errors), { code });
  }
  for (const [i, report] of reports.entries()) {
    const measuredAt = new Date(report.measured_at).toISOString();
    await tx
      .insertInto('usage_reports')
      .values({ subscription_id: targets[i], active_users: report.active_users, measured_at: measuredAt, api_key_id: ctx.apiKeyId ?? null, created_at: ctx.now })
      .execute();
    // The latest measure wins, whatever the order reports arrive in.
    await tx
      .updateTable('subscriptions')
      .set({ active_users: report.active_users, active_users_measured_at: measuredAt })
      .where('id', '=', targets[i])
      .where((eb) => eb.or([eb('active_users_measured_at', 'is', null), eb('active_users_measured_at', '<=', measuredAt)]))
      .execute();
  }
  return reports.length;
}

/** A subscription's reports, oldest first (the most recent `limit`). */
export async function usageHistory(tx: Db, subscriptionId: number, limit = 366) {
  const rows = await tx
    .selectFrom('usage_reports')
    .select(['id', 'active_users', 'measured_at'])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('measured_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

/** The fewest seats a subscription may have: its latest active users (at least 1). */
export const seatFloor = (sub: { active_users: number | null }) => Math.max(1, sub.active_users ?? 1);

/**
 * The floor rule, in one place: seats below the latest reported active users are refused (409
 * `below_active_users`), for seat changes, scheduled changes and renewals alike.
 */
export function requireSeatsCoverUsers(sub: { active_users: number | null }, seats: number, field = 'seats'): void {
  const users = sub.active_users;
  if (users === null || seats >= users) return;
  throw Object.assign(
    new ConflictError(`${seats} seats is below the ${users} active users last reported for this subscription`, { [field]: `At least ${users} (active users)` }),
    { code: 'below_active_users', details: { active_users: users, seats } },
  );
}
