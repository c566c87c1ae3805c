import type { Scope } from './access.ts';
import type { BuyerType, SupplierType } from '../db/schema.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';

/**
 * Who stands where in an order or an invoice (DESIGN §6): a reseller buys from its partner, a
 * partner from the publisher. Buyer and supplier see it, admins see all (and act for any
 * supplier), anyone else is told it does not exist.
 */

export interface Parties {
  buyer_type: BuyerType;
  buyer_id: number;
  supplier_type: SupplierType;
  supplier_id: number | null;
}

export const isBuyer = (scope: Scope, p: Parties) =>
  p.buyer_type === 'partner' ? scope.role === 'partner' && scope.partnerId === p.buyer_id : scope.role === 'reseller' && scope.resellerId === p.buyer_id;

export const isSupplier = (scope: Scope, p: Parties) =>
  scope.role === 'admin' || (p.supplier_type === 'partner' && scope.role === 'partner' && scope.partnerId === p.supplier_id);

/** 404 when the caller is neither party (nor an admin); 403 when it sees the document but may not act so. */
export function requireParty(scope: Scope, p: Parties, side: 'buyer' | 'supplier', what: string, id: number, action: string) {
  const buyer = isBuyer(scope, p);
  const supplier = isSupplier(scope, p);
  if (!buyer && !supplier) throw new NotFoundError(what, id);
  if (side === 'buyer' ? !buyer : !supplier) throw new ForbiddenError(`Only the ${side === 'buyer' ? 'buyer' : 'supplier'} can ${action}`);
}

/** The numbering sequence of an issuer: the publisher's, or one partner's. */
export const issuerKey = (p: { supplier_type: SupplierType; supplier_id: number | null }) =>
  p.supplier_type === 'publisher' ? 'publisher' : `partner:${p.supplier_id}`;
