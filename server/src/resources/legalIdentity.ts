import type { FieldSpec } from '../http/listQuery.ts';

/** The fields an invoice needs of an organisation (DESIGN §6), as columns of `table`. */
export const legalIdentityFields = (table: string): Record<string, FieldSpec> => ({
  legal_name: { column: `${table}.legal_name`, type: 'text' },
  address: { column: `${table}.address`, type: 'text' },
  siren: { column: `${table}.siren`, type: 'text' },
  vat_number: { column: `${table}.vat_number`, type: 'text' },
});

/** A buyer's: its discount on the list price, and its identity. */
export const buyerFields = (table: 'partners' | 'resellers'): Record<string, FieldSpec> => ({
  discount_percent: { column: `${table}.discount_percent`, type: 'number' },
  ...legalIdentityFields(table),
});
