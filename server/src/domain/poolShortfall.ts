import { autoRenewalsDue, type AutoRenewalDue } from '../data/forecast.ts';
import { transact, type Db } from '../data/transact.ts';
import { plusDays } from './dates.ts';
import { notifyOrganisation } from './notifications.ts';
import { settings } from './settings.ts';
import { dayText } from './texts.ts';
import { recordEvent } from '../webhooks/outbox.ts';

/**
 * Pools that cannot pay their auto-renewals due within the auto-renewal lead (14 days): the
 * forecast's `auto_due_14` above `balance` (DESIGN §6). Each shortfall episode is notified once
 * (bell and e-mail) to the logins managing the pool (the holder's, and its partner's for a
 * reseller's pool): its event key is the pool and the first end date the balance cannot cover, so
 * a rerun of the day, or a second server, adds nothing; a new episode (a later date short after
 * an order covered the first) is notified again. Webhooks that chose `pool.low` hear of each
 * episode once too.
 */

export interface PoolShortfall {
  pool_id: number;
  holder_type: 'partner' | 'reseller';
  holder_id: number;
  partner_id: number;
  reseller_id: number | null;
  product_id: number;
  balance: number;
  auto_due_14: number;
  shortfall: number;
  /** The end date of the first auto-renewal, in end-date order, that the balance cannot cover. */
  short_from: string;
  /** Identifies the episode: `pool_short:<pool id>:<short_from>`. */
  event_key: string;
  /** The notifications this run created (one per login). */
  notification_ids: number[];
}

type Episode = Omit<PoolShortfall, 'notification_ids'> & { holder_name: string; product_name: string };

/** The pools short for their auto-renewals due before `before`, from the due renewals by pool and end date. */
function shortPools(due: readonly AutoRenewalDue[]): Episode[] {
  const byPool = new Map<number, AutoRenewalDue[]>();
  for (const row of due) byPool.set(row.pool_id, [...(byPool.get(row.pool_id) ?? []), row]);
  const episodes: Episode[] = [];
  for (const [pool_id, rows] of byPool) {
    const { balance } = rows[0];
    let needed = 0;
    let shortFrom: string | null = null;
    for (const row of rows) {
      needed += row.need;
      if (shortFrom === null && needed > balance) shortFrom = row.end_date;
    }
    if (shortFrom === null) continue;
    const { holder_type, holder_id, partner_id, reseller_id, product_id, holder_name, product_name } = rows[0];
    episodes.push({
      pool_id,
      holder_type,
      holder_id,
      partner_id,
      reseller_id,
      product_id,
      holder_name,
      product_name,
      balance,
      auto_due_14: needed,
      shortfall: needed - balance,
      short_from: shortFrom,
      event_key: `pool_short:${pool_id}:${shortFrom}`,
    });
  }
  return episodes;
}

/**
 * The daily check: notifies each pool short for its auto-renewals due within 14 days of `today`, once
 * per episode. Returns the episodes this run newly notified (none on a rerun of the day).
 */
export async function notifyPoolShortfalls(db: Db, today: string, now: string): Promise<PoolShortfall[]> {
  const episodes = shortPools(await autoRenewalsDue(db, plusDays(today, settings.autoRenewLeadDays)));
  const raised: PoolShortfall[] = [];
  for (const { holder_name, product_name, ...episode } of episodes) {
    const ids = await transact(db, async (tx) => {
      const notified = await notifyOrganisation(tx, { now }, { partnerId: episode.partner_id, resellerId: episode.reseller_id }, {
        kind: 'pool_short',
        eventKey: episode.event_key,
        endDate: episode.short_from,
        message: (texts) => texts.notification.poolShort(product_name, holder_name, episode.auto_due_14, episode.balance, dayText(texts, episode.short_from)),
      });
      // The same episode, once, to the webhooks that chose pool.low (DESIGN §7).
      await recordEvent(tx, { type: 'pool.low', subject: { resource: 'pools', id: episode.pool_id }, key: `pool.low:${episode.pool_id}:${episode.short_from}`, now });
      return notified;
    });
    if (ids.length) raised.push({ ...episode, notification_ids: ids });
  }
  return raised;
}
