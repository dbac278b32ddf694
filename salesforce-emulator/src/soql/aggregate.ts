/**
 * Aggregate queries: GROUP BY with COUNT, COUNT_DISTINCT, SUM, AVG, MIN and MAX, HAVING, and ORDER BY over groups.
 * Each result row is an `AggregateResult` whose keys are the aliases, `exprN` for unaliased aggregates (N counts only
 * those, from 0), and the grouped field's own name (`Name` for `Account.Name`).
 */
import type { Query } from '@jetstreamapp/soql-parser-js';
import type { DescribeField } from '../metadata/types.ts';
import type { FieldValue, SObjectRecord } from '../org/types.ts';
import { errors } from './errors.ts';
import { resolvePath, type ResolvedPath } from './fieldPath.ts';
import { havingPredicate } from './having.ts';
import type { Predicate } from './logic.ts';
import type { QueryRecord } from './projection.ts';
import type { Scope } from './scope.ts';
import { compareValues, sortKey, sortRows, type SortKey } from './sort.ts';
import { valueKind } from './values.ts';
import { compileWhere } from './where.ts';

type Row = SObjectRecord;

/** The records that share one combination of grouped values. */
export interface Group {
  readonly rows: Row[];
}

/** Computes one aggregate over a group. */
export type AggregateFn = (group: Group) => FieldValue;

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

export function isAggregateQuery(query: Query): boolean {
  return query.groupBy !== undefined || (query.fields ?? []).some((field) => field.type === 'FieldFunctionExpression' && field.isAggregateFn);
}

/** Runs an aggregate query over the object's records; returns the result rows. */
export function runAggregateQuery(scope: Scope, query: Query, records: Iterable<Row>): QueryRecord[] {
  const { soql } = scope.env;
  const groupPaths = (query.groupBy ? (Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy]) : []).map((clause) => {
    if (!('field' in clause)) throw errors.unsupported(soql, scope.region().clause('GROUP'), 'A function in GROUP BY');
    const path = resolvePath(scope, clause.field, 'GROUP');
    if (!path.field.groupable) throw errors.fieldCannot(soql, scope.region().path(clause.field, 'GROUP'), path.field.name, 'grouped');
    return path;
  });
  const groupIndex = (path: ResolvedPath) => groupPaths.findIndex((grouped) => grouped.canonical.toLowerCase() === path.canonical.toLowerCase());

  const columns: { key: string; value: (group: Group) => FieldValue }[] = [];
  let unnamed = 0;
  for (const field of query.fields ?? []) {
    if (field.type === 'Field' || field.type === 'FieldRelationship') {
      const written = field.type === 'Field' ? field.field : (field.rawValue ?? [...field.relationships, field.field].join('.'));
      const path = resolvePath(scope, written, 'SELECT');
      if (groupIndex(path) < 0) throw errors.notGrouped(soql, scope.region().path(written, 'SELECT'), written);
      const read = path.read;
      columns.push({ key: ('alias' in field && field.alias) || path.field.name, value: (group) => (group.rows[0] ? read(group.rows[0]) : null) });
    } else if (field.type === 'FieldFunctionExpression' && field.isAggregateFn) {
      columns.push({ key: field.alias ?? `expr${unnamed++}`, value: aggregateFunction(scope, field) });
    } else {
      throw errors.unsupported(soql, scope.region().clause('SELECT'), 'This expression in an aggregate query');
    }
  }

  const filter = compileWhere(scope, query.where);
  const groups = groupRows(records, filter, groupPaths);
  if (groupPaths.length === 0 && groups.length === 0) groups.push({ rows: [] });
  const having: Predicate<Group> | undefined = query.having ? havingPredicate(scope, query.having, groupPaths, (fn) => aggregateFunction(scope, fn)) : undefined;
  let kept = having ? groups.filter(having) : groups;
  kept = sortRows(kept, orderKeys(scope, query, groupPaths));
  const offset = query.offset ?? 0;
  if (offset > 0 || query.limit !== undefined) kept = kept.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
  return kept.map((group) => {
    const out: QueryRecord = { attributes: { type: 'AggregateResult' } };
    for (const column of columns) out[column.key] = column.value(group);
    return out;
  });
}

/** COUNT(f), SUM(f)… as a function of a group, after checking the field supports the operator. */
export function aggregateFunction(scope: Scope, fn: { functionName: string; parameters?: readonly unknown[] }): AggregateFn {
  const { soql } = scope.env;
  const name = fn.functionName.toUpperCase();
  const parameter = fn.parameters?.[0];
  if (!AGGREGATES.has(name)) throw errors.unsupported(soql, scope.region().word(fn.functionName), `${fn.functionName}()`);
  if (parameter === undefined) {
    if (name === 'COUNT') return (group) => group.rows.length;
    throw errors.malformed(soql, scope.region().word(fn.functionName), `unexpected token: ')'`);
  }
  if (typeof parameter !== 'string') throw errors.unsupported(soql, scope.region().word(fn.functionName), 'A function inside an aggregate');
  const path = resolvePath(scope, parameter, 'SELECT');
  if (!supports(path.field, name)) throw errors.aggregateNotSupported(soql, scope.region().word(fn.functionName), path.field.name, name);
  const read = path.read;
  const text = valueKind(path.field.type) === 'text';
  switch (name) {
    case 'COUNT':
      return (group) => group.rows.reduce((n, row) => (read(row) === null ? n : n + 1), 0);
    case 'COUNT_DISTINCT':
      return (group) => {
        const seen = new Set<FieldValue>();
        for (const row of group.rows) {
          const v = read(row);
          if (v !== null) seen.add(text && typeof v === 'string' ? v.toLowerCase() : v);
        }
        return seen.size;
      };
    case 'SUM':
    case 'AVG':
      return (group) => {
        let sum = 0;
        let n = 0;
        for (const row of group.rows) {
          const v = read(row);
          if (typeof v === 'number') {
            sum += v;
            n++;
          }
        }
        if (n === 0) return null;
        return name === 'SUM' ? sum : sum / n;
      };
    default: {
      const sign = name === 'MIN' ? -1 : 1;
      const key = { descending: false, nullsLast: true };
      return (group) => {
        let best: FieldValue = null;
        let bestKey: FieldValue = null;
        for (const row of group.rows) {
          const v = read(row);
          if (v === null) continue;
          const k = text && typeof v === 'string' ? v.toLowerCase() : v;
          if (bestKey === null || sign * compareValues(k, bestKey, key) > 0) {
            best = v;
            bestKey = k;
          }
        }
        return best;
      };
    }
  }
}

function supports(field: DescribeField, fn: string): boolean {
  if (!field.aggregatable || field.type === 'boolean') return false;
  if (fn === 'SUM' || fn === 'AVG') return valueKind(field.type) === 'number';
  return true;
}

function groupRows(records: Iterable<Row>, filter: Predicate<Row> | undefined, paths: readonly ResolvedPath[]): Group[] {
  const byKey = new Map<string, Group>();
  const groups: Group[] = [];
  const readers = paths.map((path) => path.read);
  for (const row of records) {
    if (filter && !filter(row)) continue;
    let key = '';
    for (const read of readers) {
      const v = read(row);
      key += v === null ? '\u0001' : typeof v === 'string' ? `s${v.toLowerCase()}\u0000` : `${typeof v}${String(v)}\u0000`;
    }
    let group = byKey.get(key);
    if (!group) {
      group = { rows: [] };
      byKey.set(key, group);
      groups.push(group);
    }
    group.rows.push(row);
  }
  return groups;
}

function orderKeys(scope: Scope, query: Query, groupPaths: readonly ResolvedPath[]): SortKey<Group>[] {
  if (!query.orderBy) return [];
  return (Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy]).map((clause) => {
    if ('fn' in clause) {
      const fn = aggregateFunction(scope, { functionName: clause.fn.functionName ?? '', parameters: clause.fn.parameters ?? [] });
      return sortKey<Group>(fn, clause.order, clause.nulls, false);
    }
    const path = resolvePath(scope, clause.field, 'ORDER');
    if (!groupPaths.some((grouped) => grouped.canonical.toLowerCase() === path.canonical.toLowerCase())) {
      throw errors.notGrouped(scope.env.soql, scope.region().path(clause.field, 'ORDER'), clause.field);
    }
    const read = path.read;
    return sortKey<Group>((group) => (group.rows[0] ? read(group.rows[0]) : null), clause.order, clause.nulls, valueKind(path.field.type) === 'text');
  });
}
