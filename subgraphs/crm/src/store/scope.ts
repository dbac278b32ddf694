import { dealerScopeSql, type Scope } from '@l2c/shared';

/**
 * Row-level scope as SQL: the condition a partner's queries carry so they only ever reach their own dealer's rows.
 * Returns `null` for callers who see everything. `param` registers the dealer id and returns its placeholder.
 */
export const scopeSql = {
  /** Leads, opportunities and test drives belong to the dealer they are assigned to. */
  dealerOwned: dealerScopeSql,
  /** Accounts: the dealer's own account and the customers it serves. */
  account(scope: Scope, alias: string, param: (value: unknown) => string): string | null {
    if (scope.kind === 'all') return null;
    const dealer = param(scope.dealerAccountId);
    return `(${alias}.id = ${dealer} or ${alias}.dealer_id = ${dealer})`;
  },
  /** Contacts belong to accounts the caller can see. */
  contact(scope: Scope, alias: string, param: (value: unknown) => string): string | null {
    if (scope.kind === 'all') return null;
    const dealer = param(scope.dealerAccountId);
    return `${alias}.account_id in (select id from accounts where id = ${dealer} or dealer_id = ${dealer})`;
  },
};
