/**
 * HAVING: conditions on aggregates (`COUNT(Id) > 1`) or on grouped fields, evaluated per group. Literals are read by
 * their own type (numbers, strings, dates), since an aggregate has no describe of its own.
 */
import type { HavingClause } from '@jetstreamapp/soql-parser-js';
import type { FieldValue } from '../org/types.ts';
import type { AggregateFn, Group } from './aggregate.ts';
import { errors } from './errors.ts';
import { resolvePath, type ResolvedPath } from './fieldPath.ts';
import { likeMatcher } from './like.ts';
import { compileLogic, MixedLogicError, type LeafCondition, type Predicate } from './logic.ts';
import type { Scope } from './scope.ts';
import { datetimeLiteral, unquote } from './values.ts';

type FnRef = { functionName: string; parameters: (string | object)[] };

export function havingPredicate(
  scope: Scope,
  having: HavingClause,
  groupPaths: readonly ResolvedPath[],
  aggregate: (fn: FnRef) => AggregateFn,
): Predicate<Group> {
  try {
    return compileLogic<Group>(having, (cond) => leaf(scope, cond, groupPaths, aggregate));
  } catch (error) {
    if (error instanceof MixedLogicError) {
      throw errors.unexpectedToken(scope.env.soql, scope.region().nthWord(['AND', 'OR'], error.index, 'HAVING'), error.operator);
    }
    throw error;
  }
}

function leaf(scope: Scope, cond: LeafCondition, groupPaths: readonly ResolvedPath[], aggregate: (fn: FnRef) => AggregateFn): Predicate<Group> {
  const value = operand(scope, cond, groupPaths, aggregate);
  const operator = String(cond.operator ?? '=').toUpperCase();
  const raws = Array.isArray(cond['value']) ? (cond['value'] as string[]) : [cond['value'] as string];
  const types = Array.isArray(cond['literalType']) ? (cond['literalType'] as string[]) : raws.map(() => cond['literalType'] as string);
  const literals = raws.map((raw, i) => literal(raw, types[i]));
  const norm = (v: FieldValue) => (typeof v === 'string' ? v.toLowerCase() : v);
  if (operator === 'LIKE') {
    const matches = likeMatcher(unquote(raws[0] ?? '', true));
    return (group) => { const v = value(group); return typeof v === 'string' && matches(v); };
  }
  if (operator === 'IN' || operator === 'NOT IN') {
    const set = new Set(literals);
    return operator === 'IN' ? (group) => set.has(norm(value(group))) : (group) => !set.has(norm(value(group)));
  }
  const lit = literals[0] ?? null;
  return (group) => {
    const v = norm(value(group));
    if (lit === null || v === null) return operator === '=' ? v === lit : operator === '!=' || operator === '<>' ? v !== lit : false;
    switch (operator) {
      case '=':
        return v === lit;
      case '!=':
      case '<>':
        return v !== lit;
      case '<':
        return v < lit;
      case '<=':
        return v <= lit;
      case '>':
        return v > lit;
      case '>=':
        return v >= lit;
      default:
        return false;
    }
  };
}

function operand(scope: Scope, cond: LeafCondition, groupPaths: readonly ResolvedPath[], aggregate: (fn: FnRef) => AggregateFn): AggregateFn {
  const fn = cond['fn'] as { functionName?: string; parameters?: (string | object)[] } | undefined;
  if (fn) return aggregate({ functionName: fn.functionName ?? '', parameters: fn.parameters ?? [] });
  const written = String(cond['field']);
  const path = resolvePath(scope, written, 'HAVING');
  if (!groupPaths.some((grouped) => grouped.canonical.toLowerCase() === path.canonical.toLowerCase())) {
    throw errors.notGrouped(scope.env.soql, scope.region().path(written, 'HAVING'), written);
  }
  const read = path.read;
  return (group) => (group.rows[0] ? read(group.rows[0]) : null);
}

function literal(raw: string, type: string | undefined): FieldValue {
  switch (type) {
    case 'NULL':
      return null;
    case 'BOOLEAN':
      return raw.toUpperCase() === 'TRUE';
    case 'STRING':
      return unquote(raw).toLowerCase();
    case 'DATETIME':
      return datetimeLiteral(raw)?.toLowerCase() ?? raw;
    case 'DATE':
      return raw;
    default:
      return Number(raw.replace(/^[A-Za-z]{3}/, ''));
  }
}
