/**
 * Who stands where in an order or an invoice (DESIGN §6): a reseller buys from its partner, a
 * partner from the publisher; admins act for any supplier. The server's rule
 * (server/src/domain/orderParties.ts) and the console's mirror of it (client/src/orders/orderParties.ts).
 */

export interface Parties {
  buyer_type: 'partner' | 'reseller';
  buyer_id: number;
  supplier_type: 'publisher' | 'partner';
  supplier_id: number | null;
}

/** The caller as these rules need it: its role and organisation. */
export interface PartyScope {
  role: 'admin' | 'partner' | 'reseller';
  partnerId: number | null;
  resellerId: number | null;
}

export const isBuyer = (scope: PartyScope, p: Parties) =>
  p.buyer_type === 'partner' ? scope.role === 'partner' && scope.partnerId === p.buyer_id : scope.role === 'reseller' && scope.resellerId === p.buyer_id;

export const isSupplier = (scope: PartyScope, p: Parties) =>
  scope.role === 'admin' || (p.supplier_type === 'partner' && scope.role === 'partner' && scope.partnerId === p.supplier_id);
