import type { ResourceSpec } from '../http/resource.ts';

/** The products the publisher sells licenses of. */
export const productsSpec: ResourceSpec = {
  name: 'products',
  label: 'Product',
  from: (db) => db.selectFrom('products'),
  visibleTo: () => null,
  fields: {
    id: { column: 'products.id', type: 'int' },
    code: { column: 'products.code', type: 'text' },
    name: { column: 'products.name', type: 'text' },
  },
  search: ['products.search_name'],
  defaultSort: ['code', 'ASC'],
};
