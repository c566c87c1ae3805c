import { parseWhole } from '../subscriptions/renewPreview';

export type AllocationBlocker = 'quantity' | 'short_partner' | 'short_reseller';

/**
 * Checks an allocation before it is sent: a non-zero whole number; a positive
 * quantity leaves the partner's pool, a negative one (reclaim) the reseller's.
 */
export const checkAllocation = (
    quantityInput: unknown,
    partnerBalance: number | undefined,
    resellerBalance: number | undefined,
): { quantity: number | null; blocker: AllocationBlocker | null } => {
    const quantity = parseWhole(quantityInput);
    if (quantity === null || quantity === 0) return { quantity: null, blocker: 'quantity' };
    if (quantity > 0 && partnerBalance !== undefined && quantity > partnerBalance) {
        return { quantity, blocker: 'short_partner' };
    }
    if (quantity < 0 && resellerBalance !== undefined && -quantity > resellerBalance) {
        return { quantity, blocker: 'short_reseller' };
    }
    return { quantity, blocker: null };
};
