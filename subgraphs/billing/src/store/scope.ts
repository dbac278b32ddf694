import type { Scope } from '@l2c/shared';

/**
 * Row-level scope as SQL: a partner reaches only its own dealer's schedules, invoices and payments. Returns `null`
 * for callers who see everything. `param` registers the dealer id and returns its placeholder.
 */
export function dealerOwned(scope: Scope, column: string, param: (value: unknown) => string): string | null {
  return scope.kind === 'all' ? null : `${column} = ${param(scope.dealerAccountId)}`;
}

export function and(conditions: (string | null | undefined)[]): string[] {
  return conditions.filter((c): c is string => typeof c === 'string' && c !== '');
}

/** Rows inserted in one statement get increasing `created_at`, so ordering by it keeps the order they were given in. */
export function sequenced(i: number, base = Date.now()): Date {
  return new Date(base + i);
}

export async function nextNumber(db: { query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> }, sequence: 'invoice_numbers' | 'credit_note_numbers' | 'payment_numbers' | 'invoice_run_numbers', prefix: string): Promise<string> {
  const [row] = await db.query<{ n: number }>(`select nextval('${sequence}')::int as n`);
  return `${prefix}-${String(row!.n).padStart(6, '0')}`;
}
