import { isBuyer, isSupplier, type Parties } from '../../../shared/orderParties.ts';
import type { Scope } from './access.ts';
import type { SupplierType } from '../db/schema.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';

/** Who stands where in an order or an invoice: the predicates are shared with the console (shared/orderParties.ts). */
export { isBuyer, isSupplier, type Parties };

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
