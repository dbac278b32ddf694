import { notFound } from '@l2c/shared';

/** A row a non-null field points at; a missing one means the data is inconsistent, not that it is hidden. */
export function present<T>(row: T | null | undefined, typename: string, id: string): T {
  if (row == null) throw notFound(typename, id);
  return row;
}

/** Another subgraph's entity by its id, or null. */
export function ref(id: string | null): { id: string } | null {
  return id ? { id } : null;
}
