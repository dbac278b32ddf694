import { notFound } from '@l2c/shared';

/**
 * A row a non-null field points at. Rows reached this way belong to a parent the caller may already see (a visit's
 * template version, a version's template), so a missing one means the data is inconsistent, not that it is hidden.
 */
export function present<T>(row: T | null | undefined, typename: string, id: string): T {
  if (row == null) throw notFound(typename, id);
  return row;
}
