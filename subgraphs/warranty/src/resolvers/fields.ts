import { fromCents, notFound } from '@l2c/shared';

/**
 * A row a non-null field points at. Rows reached this way belong to a parent the caller may already see, so a missing
 * one means the data is inconsistent, not that it is hidden.
 */
export function present<T>(row: T | null | undefined, typename: string, id: string): T {
  if (row == null) throw notFound(typename, id);
  return row;
}

/** Another subgraph's entity by its id, or null. */
export function ref(id: string | null): { id: string } | null {
  return id ? { id } : null;
}

/** Cents (or hundredths of a percent) as exact decimal text. */
export const decimal = (units: bigint): string => fromCents(units);
