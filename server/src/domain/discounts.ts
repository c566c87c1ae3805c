import { partnerTerms, resellersAbove } from '../data/buyers.ts';
import type { Db } from '../data/transact.ts';
import { ValidationError } from './errors.ts';

/**
 * A reseller buys from its partner at list price less its own discount, which is never above its
 * partner's (DESIGN §6): checked on every write of either discount.
 */

/** A reseller's discount must not pass its partner's. */
export async function checkResellerDiscount(db: Db, partnerId: number, discountPercent: number) {
  const partner = await partnerTerms(db, partnerId);
  if (partner && discountPercent > partner.discount_percent) {
    throw new ValidationError(`A reseller's discount cannot exceed its partner's (${partner.discount_percent} %)`, {
      discount_percent: `At most ${partner.discount_percent} (the discount of ${partner.name})`,
    });
  }
}

/** A partner's discount must not fall below one of its resellers': the message names them. */
export async function checkPartnerDiscount(db: Db, partnerId: number, discountPercent: number) {
  const above = await resellersAbove(db, partnerId, discountPercent);
  if (above.length > 0) {
    const names = above.map((r) => `${r.name} (${r.discount_percent} %)`).join(', ');
    throw new ValidationError(`Discount below that of its resellers: ${names}`, {
      discount_percent: `At least ${above[0].discount_percent}: lower the discount of ${names} first`,
    });
  }
}
