import { rolledBack } from '../../org/dml.ts';
import type { Org, SaveResult } from '../../org/types.ts';

const ROLLBACK = Symbol('rollback');

/**
 * Runs DML calls as one transaction. With allOrNone, any failed record undoes all of them and the records that
 * did not fail report ALL_OR_NONE_OPERATION_ROLLED_BACK (a created record's ID is gone with it).
 */
export function atomically<R extends SaveResult>(org: Org, allOrNone: boolean, userId: string, work: () => R[], rollBack: (result: R) => R = rolledBack): R[] {
  let results: R[] = [];
  try {
    org.transaction(
      () => {
        results = work();
        if (allOrNone && results.some((result) => !result.success)) throw ROLLBACK;
      },
      { userId },
    );
    return results;
  } catch (error) {
    if (error !== ROLLBACK) throw error;
    return results.map((result) => (result.success ? rollBack(result) : result));
  }
}

/** A rolled-back insert: the ID it had went with it. */
export function rolledBackInsert<R extends SaveResult & { created?: boolean }>(result: R): R {
  const undone = rolledBack(result);
  return result.created === false ? undone : { ...undone, id: null, ...(result.created === undefined ? {} : { created: false }) };
}

/** A result as collections return it: no `id` key when there is no ID (a failed create). */
export function resultJson(result: SaveResult & { created?: boolean }, created: boolean): Record<string, unknown> {
  return {
    ...(result.id === null ? {} : { id: result.id }),
    success: result.success,
    errors: result.errors,
    ...(created ? { created: result.created ?? false } : {}),
  };
}
