/**
 * ORDER BY: a stable sort on precomputed keys (each row's values are read once, not once per comparison). Text sorts
 * case-insensitively; nulls go first in ascending order and last in descending order unless NULLS FIRST/LAST says
 * otherwise, as in Salesforce.
 */
import type { FieldValue } from '../org/types.ts';

export interface SortKey<T> {
  read: (row: T) => FieldValue;
  descending: boolean;
  nullsLast: boolean;
  /** Compare case-insensitively. */
  text: boolean;
}

/** Builds a key from ORDER BY's parts, with Salesforce's default null placement. */
export function sortKey<T>(read: (row: T) => FieldValue, order: string | undefined, nulls: string | undefined, text: boolean): SortKey<T> {
  const descending = order?.toUpperCase() === 'DESC';
  const nullsLast = nulls ? nulls.toUpperCase() === 'LAST' : descending;
  return { read, descending, nullsLast, text };
}

/** A new array of `rows` in key order. */
export function sortRows<T>(rows: readonly T[], keys: readonly SortKey<T>[]): T[] {
  if (keys.length === 0 || rows.length < 2) return rows.slice();
  const columns = keys.map((key) => {
    const values = new Array<FieldValue>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const value = key.read(rows[i]!);
      values[i] = key.text && typeof value === 'string' ? value.toLowerCase() : value;
    }
    return values;
  });
  const order = Array.from({ length: rows.length }, (_, i) => i);
  order.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const result = compareValues(columns[k]![a]!, columns[k]![b]!, keys[k]!);
      if (result !== 0) return result;
    }
    return a - b;
  });
  return order.map((i) => rows[i]!);
}

/** Compares two values under one key (used by MIN/MAX too). */
export function compareValues(a: FieldValue, b: FieldValue, key: Pick<SortKey<unknown>, 'descending' | 'nullsLast'>): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === key.nullsLast ? 1 : -1;
  }
  const result = a < b ? -1 : a > b ? 1 : 0;
  return key.descending ? -result : result;
}
