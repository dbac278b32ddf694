import type { Scope } from '@l2c/shared';

/**
 * Row-level scope as SQL: a partner reaches only its own dealer's webhooks and, through them, their deliveries.
 * Returns `null` for callers who see everything. `param` registers the dealer id and returns its placeholder.
 */
export function subscriptionScopeSql(scope: Scope, alias: string, param: (value: unknown) => string): string | null {
  return scope.kind === 'all' ? null : `${alias}.dealer_id = ${param(scope.dealerAccountId)}`;
}
