import { useGetList, useGetOne, usePermissions } from 'react-admin';
import { usePublisher } from '../misc/usePublisher';
import { useServerToday } from '../misc/useServerToday';
import type { Permissions } from '../providers/permissions';
import { listPricesOn, type PriceRow } from './pricing';

/**
 * The login's buying terms: today's list prices, its organisation's discount and the server's VAT
 * rate (VAT_RATE_PERCENT, published on GET /api/publisher); undefined until all are known.
 */
export const useBuyerPricing = () => {
    const { permissions } = usePermissions<Permissions>();
    const today = useServerToday();
    const buyer =
        permissions?.role === 'reseller'
            ? { resource: 'resellers', id: permissions.resellerId }
            : { resource: 'partners', id: permissions?.partnerId ?? null };
    const { data: organisation } = useGetOne(buyer.resource, { id: buyer.id! }, { enabled: buyer.id != null });
    const { data: prices } = useGetList<PriceRow & { id: number }>('prices', {
        pagination: { page: 1, perPage: 1000 },
        sort: { field: 'valid_from', order: 'DESC' },
    });
    const { data: publisher } = usePublisher();
    if (!today || !prices || !organisation || !publisher) return undefined;
    return {
        vatRatePercent: publisher.vat_rate_percent,
        listPrices: listPricesOn(prices, today),
        discountPercent: Number(organisation.discount_percent ?? 0),
    };
};
