import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { deleteInSlices } from '../data/pruning.ts';
import type { Db } from '../data/transact.ts';
import { settings as appSettings } from './settings.ts';

/**
 * Retention (README, settings in config.ts): what grows with every request and is only needed for
 * a while is pruned by the daily job. Idempotency keys answer retries for a couple of days; expired
 * sessions open nothing; the access log and the change log are kept for audits, for a year and two.
 * The ledger (movements) and the terms are never pruned: they are the licenses.
 */

export interface RetentionSettings {
  idempotencyKeyHours: number;
  accessLogDays: number;
  changeLogDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { idempotencyKeyHours: 48, accessLogDays: 365, changeLogDays: 730 };

/** The settings from the environment (validated, with these defaults, in config.ts). */
export function retentionOf(config: Pick<Config, 'IDEMPOTENCY_KEY_RETENTION_HOURS' | 'ACCESS_LOG_RETENTION_DAYS' | 'CHANGE_LOG_RETENTION_DAYS'>): RetentionSettings {
  return {
    idempotencyKeyHours: config.IDEMPOTENCY_KEY_RETENTION_HOURS,
    accessLogDays: config.ACCESS_LOG_RETENTION_DAYS,
    changeLogDays: config.CHANGE_LOG_RETENTION_DAYS,
  };
}

export interface PruneSummary {
  idempotency_keys: number;
  sessions: number;
  access_log: number;
  changes: number;
  rate_limits: number;
}

/**
 * Prunes what is past its retention at `now` (an ISO instant). Sessions end on the real clock
 * (`instant`, epoch ms) at their deadline or after the idle time, as domain/auth/sessions.ts says.
 */
export async function pruneExpired(db: Db, at: { now: string; instant: number }, settings: RetentionSettings = DEFAULT_RETENTION): Promise<PruneSummary> {
  const before = (ms: number) => new Date(Date.parse(at.now) - ms).toISOString();
  const keysBefore = before(settings.idempotencyKeyHours * 3_600_000);
  return {
    // A key still held by a running action (status 0) is touched as it goes: only abandoned ones go.
    idempotency_keys: await deleteInSlices(db, 'idempotency_keys', sql`created_at < ${keysBefore} AND touched_at < ${keysBefore}`),
    sessions: await deleteInSlices(
      db,
      'sessions',
      sql`expires_at <= ${at.instant} OR last_seen_at <= ${at.instant - appSettings.sessionIdleMinutes * 60_000}`,
    ),
    access_log: await deleteInSlices(db, 'access_log', sql`created_at < ${before(settings.accessLogDays * 86_400_000)}`),
    changes: await deleteInSlices(db, 'changes', sql`created_at < ${before(settings.changeLogDays * 86_400_000)}`),
    // Windows that ended: a new hit opens a new one anyway.
    rate_limits: await deleteInSlices(db, 'rate_limits', sql`reset_at <= ${at.instant}`),
  };
}
