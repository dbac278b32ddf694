import type { Scope } from '@l2c/shared';

/**
 * Row-level scope as SQL: a partner reaches only its own dealer's claims, sales reports, imports and incentives.
 * Returns `null` for callers who see everything. `param` registers the dealer id and returns its placeholder.
 */
export function dealerOwned(scope: Scope, column: string, param: (value: unknown) => string): string | null {
  return scope.kind === 'all' ? null : `${column} = ${param(scope.dealerAccountId)}`;
}

export function and(conditions: (string | null | undefined)[]): string[] {
  return conditions.filter((c): c is string => typeof c === 'string' && c !== '');
}

export function whereOf(conditions: string[]): string {
  return conditions.length ? ` where ${conditions.join(' and ')}` : '';
}
