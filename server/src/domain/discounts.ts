import { lockPartner, partnerTerms, resellersAbove } from '../data/buyers.ts';
import type { Tx } from '../data/transact.ts';
import { ValidationError } from './errors.ts';

/**
 * A reseller buys from its partner at list price less its own discount, which is never above its
 * partner's (DESIGN §6): checked on every write of either discount, in the write's transaction,
 * with the partner's row held, so that two writes at once are checked one after the other.
 */

/** A reseller's discount must not pass its partner's. */
export async function checkResellerDiscount(tx: Tx, partnerId: number, discountPercent: number) {
  await lockPartner(tx, partnerId);
  const partner = await partnerTerms(tx, partnerId);
  if (partner && discountPercent > partner.discount_percent) {
    throw new ValidationError(`A reseller's discount cannot exceed its partner's (${partner.discount_percent} %)`, {
      discount_percent: `At most ${partner.discount_percent} (the discount of ${partner.name})`,
    });
  }
}

/** A partner's discount must not fall below one of its resellers': the message names them. */
export async function checkPartnerDiscount(tx: Tx, partnerId: number, discountPercent: number) {
  await lockPartner(tx, partnerId);
  const above = await resellersAbove(tx, partnerId, discountPercent);
  if (above.length > 0) {
    const names = above.map((r) => `${r.name} (${r.discount_percent} %)`).join(', ');
    throw new ValidationError(`Discount below that of its resellers: ${names}`, {
      discount_percent: `At least ${above[0].discount_percent}: lower the discount of ${names} first`,
    });
  }
}
