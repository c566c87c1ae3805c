import type { FieldSpec } from '../http/listQuery.ts';

/**
 * The fields an invoice needs of an organisation (DESIGN §6), as columns of `table`; with a
 * `prefix`, those an invoice froze of one of its parties (`issuer_legal_name`, …).
 */
export const legalIdentityFields = (table: string, prefix = ''): Record<string, FieldSpec> =>
  Object.fromEntries(['legal_name', 'address', 'siren', 'vat_number'].map((field) => [`${prefix}${field}`, { column: `${table}.${prefix}${field}`, type: 'text' } satisfies FieldSpec]));

/** A buyer's: its discount on the list price, and its identity. */
export const buyerFields = (table: 'partners' | 'resellers'): Record<string, FieldSpec> => ({
  discount_percent: { column: `${table}.discount_percent`, type: 'number' },
  ...legalIdentityFields(table),
});
