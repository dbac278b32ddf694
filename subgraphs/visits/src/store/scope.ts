import type { Identity } from '@l2c/shared';

/**
 * Which visits a caller may see. A partner sees its own dealer's; an assessor the visits assigned to it; the OEM's
 * staff, Salesforce admins and engineers every visit. A partner is held to its dealer even with other roles (the
 * narrower view wins), and a role this subgraph does not know sees none.
 */
export type VisitsScope = { kind: 'all' } | { kind: 'dealer'; dealerAccountId: string } | { kind: 'assessor'; subject: string } | { kind: 'none' };

export function visitsScopeOf(identity: Identity): VisitsScope {
  if (identity.roles.includes('partner')) return { kind: 'dealer', dealerAccountId: identity.dealerAccountId ?? '' };
  if (identity.roles.some((role) => role === 'staff' || role === 'sf_admin' || role === 'engineer')) return { kind: 'all' };
  if (identity.roles.includes('assessor')) return { kind: 'assessor', subject: identity.subject };
  return { kind: 'none' };
}

/**
 * Row-level scope as SQL: the condition every visit query carries, in lists, loaders and commands alike. Returns null
 * for callers who see everything. `param` registers a value and returns its placeholder.
 */
export function visitScopeSql(scope: VisitsScope, alias: string, param: (value: unknown) => string): string | null {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'dealer':
      return `${alias}.dealer_id = ${param(scope.dealerAccountId)}`;
    case 'assessor':
      return `exists (select 1 from visit_assessors va join assessors a on a.id = va.assessor_id where va.visit_id = ${alias}.id and a.subject = ${param(scope.subject)})`;
    case 'none':
      return 'false';
  }
}

export function and(conditions: (string | null | undefined)[]): string[] {
  return conditions.filter((c): c is string => typeof c === 'string' && c !== '');
}
