/** Which side of an order the login stands on: the server's own rules (shared/orderParties.ts). */
import { isBuyer, isSupplier } from '../../../shared/orderParties';
import type { Permissions } from '../providers/permissions';
import type { Invoice, Order } from '../providers/dataProvider';

const partiesOf = (order: Order) => ({
    buyer_type: order.buyer_type,
    buyer_id: Number(order.buyer_id),
    supplier_type: order.supplier_type,
    supplier_id: order.supplier_id === null ? null : Number(order.supplier_id),
});

/** What the login may do with a submitted order: the supplier decides, the buyer may cancel. */
export const orderDecisions = (permissions: Permissions | undefined, order: Order) => {
    if (!permissions || order.status !== 'submitted') return { decide: false, cancel: false };
    return {
        decide: isSupplier(permissions, partiesOf(order)),
        cancel: isBuyer(permissions, partiesOf(order)),
    };
};

/** Partners and resellers place orders (an admin does not: 403). */
export const mayOrder = (permissions: Permissions | undefined) => permissions?.role === 'partner' || permissions?.role === 'reseller';

/** Whether the login may credit this invoice: its issuer (or an admin), once, and not a credit note. */
export const mayCredit = (permissions: Permissions | undefined, invoice: Invoice) =>
    !!permissions &&
    invoice.kind === 'invoice' &&
    invoice.credit_note_id === null &&
    isSupplier(permissions, {
        buyer_type: invoice.buyer_type,
        buyer_id: Number(invoice.buyer_id),
        supplier_type: invoice.issuer_type,
        supplier_id: invoice.issuer_id === null ? null : Number(invoice.issuer_id),
    });
