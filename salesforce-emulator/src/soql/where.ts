/**
 * WHERE as one predicate over root records, and ORDER BY as sort keys: the parts every kind of record query
 * (top level, child subquery, semi-join) shares.
 */
import type { OrderByClause, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { SObjectRecord } from '../org/types.ts';
import { compileCondition } from './condition.ts';
import { errors } from './errors.ts';
import { resolvePath } from './fieldPath.ts';
import { compileLogic, MixedLogicError, type Predicate } from './logic.ts';
import type { Scope } from './scope.ts';
import { sortKey, sortRows, type SortKey } from './sort.ts';
import { valueKind } from './values.ts';

type Row = SObjectRecord;

export function compileWhere(scope: Scope, where: WhereClause | undefined): Predicate<Row> | undefined {
  if (!where) return undefined;
  let semiJoins = 0;
  try {
    return compileLogic<Row>(where, (cond) => compileCondition(scope, cond, () => semiJoins++));
  } catch (error) {
    if (error instanceof MixedLogicError) {
      throw errors.unexpectedToken(scope.env.soql, scope.region().nthWord(['AND', 'OR'], error.index, 'WHERE'), error.operator);
    }
    throw error;
  }
}

export function compileOrderBy(scope: Scope, orderBy: OrderByClause | OrderByClause[] | undefined): SortKey<Row>[] {
  if (!orderBy) return [];
  const { soql } = scope.env;
  return (Array.isArray(orderBy) ? orderBy : [orderBy]).map((clause) => {
    if (!('field' in clause)) throw errors.unsupported(soql, scope.region().clause('ORDER'), 'A function in ORDER BY of a non-aggregate query');
    const path = resolvePath(scope, clause.field, 'ORDER');
    if (!path.field.sortable) throw errors.fieldCannot(soql, scope.region().path(clause.field, 'ORDER'), path.field.name, 'sorted');
    return sortKey(path.read, clause.order, clause.nulls, valueKind(path.field.type) === 'text');
  });
}

/** Filters, sorts and cuts (OFFSET, LIMIT) rows. */
export function selectRows(
  rows: Iterable<Row>,
  filter: Predicate<Row> | undefined,
  sort: readonly SortKey<Row>[],
  offset: number,
  limit: number | undefined,
): Row[] {
  let out: Row[] = [];
  // Without ORDER BY the rows are final as soon as they pass the filter, so stop once LIMIT is reached.
  const stopAt = sort.length === 0 && limit !== undefined ? offset + limit : Infinity;
  for (const row of rows) {
    if (filter && !filter(row)) continue;
    out.push(row);
    if (out.length >= stopAt) break;
  }
  if (sort.length > 0) out = sortRows(out, sort);
  if (offset > 0 || (limit !== undefined && out.length > limit)) out = out.slice(offset, limit === undefined ? undefined : offset + limit);
  return out;
}
