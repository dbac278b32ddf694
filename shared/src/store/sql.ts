/** Small pieces every subgraph's SQL uses: conditions joined with `and`, row-level scope, insertion order. */
import type { Scope } from '../identity.ts';

/** The conditions that are present (`null`, `undefined` and `''` dropped), to join with ` and `. */
export function and(conditions: readonly (string | null | undefined)[]): string[] {
  return conditions.filter((c): c is string => typeof c === 'string' && c !== '');
}

/**
 * Row-level scope of rows that belong to the dealer in `column`: `null` for callers who see everything, else the
 * condition a partner's queries carry so they only ever reach their own dealer's rows. `param` registers the
 * dealer id and returns its placeholder.
 */
export function dealerScopeSql(scope: Scope, column: string, param: (value: unknown) => string): string | null {
  return scope.kind === 'all' ? null : `${column} = ${param(scope.dealerAccountId)}`;
}

/**
 * Creation times one microsecond apart (from `base`), so that rows inserted in one statement keep the order they
 * were given in when ordered by creation time. ISO 8601 text with microseconds, as `timestamptz` takes it.
 */
export function sequenced(index: number, base: Date = new Date()): string {
  const micros = base.getTime() * 1000 + index;
  const millis = Math.floor(micros / 1000);
  return new Date(millis).toISOString().replace('Z', `${String(micros - millis * 1000).padStart(3, '0')}Z`);
}
