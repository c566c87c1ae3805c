import type { ResourceSpec } from '../http/resource.ts';

/** The publisher's price list: everyone reads it (an order's form shows prices), admins write it. */
export const pricesSpec: ResourceSpec = {
  name: 'prices',
  label: 'Price',
  from: (db) => db.selectFrom('prices'),
  visibleTo: () => null,
  fields: {
    id: { column: 'prices.id', type: 'int' },
    product_id: { column: 'prices.product_id', type: 'int' },
    unit_price_cents: { column: 'prices.unit_price_cents', type: 'int' },
    valid_from: { column: 'prices.valid_from', type: 'date' },
  },
  defaultSort: ['valid_from', 'DESC'],
};
