import { dealerScopeSql, type Scope } from '@l2c/shared';

/**
 * Row-level scope as SQL: a partner reaches only its own dealer's quotes, orders, contracts, stock and price book.
 * Returns `null` for callers who see everything. `param` registers the dealer id and returns its placeholder.
 */
export const scopeSql = {
  /** Rows that belong to the dealer in `column` (quotes, orders, contracts, their assets, stock). */
  dealerOwned: dealerScopeSql,
  /** Price books: the OEM's (no dealer) and the partner's own dealer's. */
  priceBook(scope: Scope, alias: string, param: (value: unknown) => string): string | null {
    return scope.kind === 'all' ? null : `(${alias}.dealer_id is null or ${alias}.dealer_id = ${param(scope.dealerAccountId)})`;
  },
};
