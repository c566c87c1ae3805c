import { sql, type Expression, type SqlBool } from 'kysely';
import type { Role } from '../db/schema.ts';
import { ForbiddenError } from './errors.ts';

/**
 * Who may see and do what (DESIGN §1), written once: an admin everything; a partner itself, its
 * resellers and all their clients and pools; a reseller its own clients and pools. Records out of
 * a caller's scope do not exist for it (404, or "unknown" in a request body); actions its role may
 * not take are refused with 403.
 */
export interface Scope {
  role: Role;
  userId: number | null;
  /** Set for partners and resellers (a reseller's own partner). */
  partnerId: number | null;
  /** Set for resellers. */
  resellerId: number | null;
}

/** The scope of the server's own work (CLI, jobs): everything, like an admin. */
export const SYSTEM_SCOPE: Scope = { role: 'admin', userId: null, partnerId: null, resellerId: null };

/** The organisation a record belongs to: a partner, possibly through one of its resellers. */
export interface Organisation {
  partnerId: number;
  resellerId: number | null;
}

/**
 * Rows with a partner column and a reseller column visible to the scope
 * (null: no restriction). A partner sees its resellers' rows too.
 */
export function byOrganisation(scope: Scope, partnerColumn: string, resellerColumn: string): Expression<SqlBool> | null {
  switch (scope.role) {
    case 'admin':
      return null;
    case 'partner':
      return sql<SqlBool>`${sql.ref(partnerColumn)} = ${scope.partnerId}`;
    case 'reseller':
      return sql<SqlBool>`${sql.ref(resellerColumn)} = ${scope.resellerId}`;
  }
}

/** byOrganisation, or TRUE for an admin: a condition to AND with others (both databases read TRUE). */
export const inScope = (scope: Scope, partnerColumn: string, resellerColumn: string): Expression<SqlBool> =>
  byOrganisation(scope, partnerColumn, resellerColumn) ?? sql<SqlBool>`TRUE`;

/** Whether the scope manages an organisation's clients, pools and logins. */
export function manages(scope: Scope, organisation: Organisation): boolean {
  switch (scope.role) {
    case 'admin':
      return true;
    case 'partner':
      return organisation.partnerId === scope.partnerId;
    case 'reseller':
      return organisation.resellerId !== null && organisation.resellerId === scope.resellerId;
  }
}

/** Refuses (403) an action the caller's role may not take. */
export function requireRole(scope: Scope, roles: readonly Role[], action: string): void {
  if (!roles.includes(scope.role)) {
    throw new ForbiddenError(`Your role (${scope.role}) cannot ${action}`);
  }
}

/** The organisation of a scope as the tables it owns store it (api_keys, webhooks): both null for the publisher. */
export function organisationColumns(scope: Scope): { partner_id: number | null; reseller_id: number | null } {
  switch (scope.role) {
    case 'admin':
      return { partner_id: null, reseller_id: null };
    case 'partner':
      return { partner_id: scope.partnerId, reseller_id: null };
    case 'reseller':
      return { partner_id: scope.partnerId, reseller_id: scope.resellerId };
  }
}

/**
 * Rows owned by the caller's own organisation only (not its resellers'): the publisher's (both
 * columns null) for an admin, the partner's own for a partner, the reseller's for a reseller.
 * For what an organisation configures for itself (webhooks).
 */
export function ownOrganisation(scope: Scope, partnerColumn: string, resellerColumn: string): Expression<SqlBool> {
  const partner = sql.ref(partnerColumn);
  const reseller = sql.ref(resellerColumn);
  switch (scope.role) {
    case 'admin':
      return sql<SqlBool>`(${partner} IS NULL AND ${reseller} IS NULL)`;
    case 'partner':
      return sql<SqlBool>`(${partner} = ${scope.partnerId} AND ${reseller} IS NULL)`;
    case 'reseller':
      return sql<SqlBool>`${reseller} = ${scope.resellerId}`;
  }
}
