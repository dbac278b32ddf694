/**
 * One WHERE condition (`field operator value`) compiled into a predicate over root records. Literals are checked
 * against the field's type with Salesforce's errors and converted once to the stored form, so evaluating a row is a
 * read and a comparison. Semantics follow SOQL rather than SQL: `= null` and `!= null` test emptiness, an empty value
 * satisfies `!=` and `NOT IN`, text compares case-insensitively, and a date literal is a range of time.
 */
import type { FieldValue, SObjectRecord } from '../org/types.ts';
import { dateLiteralRange } from './dateLiterals.ts';
import { errors } from './errors.ts';
import { resolvePath, type ResolvedPath } from './fieldPath.ts';
import { likeMatcher } from './like.ts';
import type { LeafCondition, Predicate } from './logic.ts';
import type { Scope } from './scope.ts';
import { dateLiteral, datetimeLiteral, formatDate, formatDatetime, soapTypeName, toId18, unquote, valueKind, type ValueKind } from './values.ts';

type Row = SObjectRecord;

/** A literal in stored form: a value, SOQL's null, or the range of a date literal (`[start, end)`). */
type Literal = { kind: 'null' } | { kind: 'value'; value: string | number | boolean } | { kind: 'range'; start: string; end: string };

interface Target {
  scope: Scope;
  path: ResolvedPath;
  kind: ValueKind;
  /** Where Salesforce puts the caret for a bad value or operator: under the field, as real responses show. */
  valueAt: () => number | undefined;
}

/** Compiles a leaf of WHERE; `semiJoinIndex` numbers the subqueries of the clause in order. */
export function compileCondition(scope: Scope, cond: LeafCondition, semiJoinIndex: () => number): Predicate<Row> {
  const { soql } = scope.env;
  if (typeof cond['field'] !== 'string') throw errors.unsupported(soql, scope.region().clause('WHERE'), 'A function in WHERE');
  const fieldPath = cond['field'];
  const path = resolvePath(scope, fieldPath, 'WHERE');
  if (!path.field.filterable) throw errors.fieldCannot(soql, scope.region().path(fieldPath, 'WHERE'), path.field.name, 'filtered');
  const operator = (cond.operator ?? '=').toUpperCase();
  const target: Target = { scope, path, kind: valueKind(path.field.type), valueAt: () => scope.region().path(fieldPath, 'WHERE') };

  if (cond['literalType'] === 'SUBQUERY' || cond['valueQuery']) {
    if (target.kind !== 'id') throw errors.malformed(soql, target.valueAt(), 'semi join sub selects are only allowed on Id or reference fields');
    const ids = scope.env.semiJoin(cond['valueQuery'] as never, scope.region().subquery('WHERE', semiJoinIndex()), scope.object);
    const read = path.read;
    if (operator === 'NOT IN') return (row) => { const v = read(row); return v === null || !ids().has(v as string); };
    return (row) => { const v = read(row); return v !== null && ids().has(v as string); };
  }

  const rawValues = Array.isArray(cond['value']) ? (cond['value'] as string[]) : [cond['value'] as string];
  const types = Array.isArray(cond['literalType']) ? (cond['literalType'] as string[]) : rawValues.map(() => cond['literalType'] as string);
  const variables = Array.isArray(cond['dateLiteralVariable']) ? (cond['dateLiteralVariable'] as (number | null)[]) : [cond['dateLiteralVariable'] as number | undefined];

  if (operator === 'LIKE') return like(target, rawValues[0] ?? '', types[0]);
  if (operator === 'INCLUDES' || operator === 'EXCLUDES') return includes(target, operator, rawValues, types);
  if (target.kind === 'multipicklist' && operator !== '=' && operator !== '!=' && operator !== 'IN' && operator !== 'NOT IN') {
    throw errors.invalidOperator(soql, target.valueAt(), 'multipicklist');
  }
  const literals = rawValues.map((raw, i) => literal(target, raw, types[i] ?? types[0], variables[i] ?? variables[0] ?? undefined));
  const read = path.read;
  if (operator === 'IN' || operator === 'NOT IN') {
    const tests = literals.map((lit) => comparison(target, '=', lit));
    const inSet: Predicate<Row> = (row) => {
      for (const test of tests) if (test(row)) return true;
      return false;
    };
    if (operator === 'IN') return inSet;
    return (row) => read(row) === null || !inSet(row);
  }
  return comparison(target, operator, literals[0]!);
}

function literal(target: Target, raw: string, type: string | undefined, variable: number | undefined): Literal {
  const { soql } = target.scope.env;
  const { field } = target.path;
  if (type === 'NULL') return { kind: 'null' };
  const wrongType = () => errors.filterValueType(soql, target.valueAt(), field.name, soapTypeName(field.type));
  switch (target.kind) {
    case 'multipicklist':
      if (type !== 'STRING') throw wrongType();
      return { kind: 'value', value: canonicalSet(unquote(raw)) };
    case 'text':
    case 'time':
    case 'other':
      if (type !== 'STRING') throw wrongType();
      return { kind: 'value', value: unquote(raw).toLowerCase() };
    case 'id': {
      if (type !== 'STRING') throw wrongType();
      const text = unquote(raw);
      const id = toId18(text);
      if (id === undefined) throw errors.invalidId(soql, target.valueAt(), text);
      return { kind: 'value', value: id };
    }
    case 'boolean':
      if (type !== 'BOOLEAN') throw wrongType();
      return { kind: 'value', value: raw.toUpperCase() === 'TRUE' };
    case 'number':
      if (!type || !['INTEGER', 'DECIMAL', 'INTEGER_WITH_CURRENCY_PREFIX', 'DECIMAL_WITH_CURRENCY_PREFIX'].includes(type)) throw wrongType();
      return { kind: 'value', value: Number(type.endsWith('CURRENCY_PREFIX') ? raw.replace(/^[A-Za-z]{3}/, '') : raw) };
    case 'date':
    case 'datetime': {
      const isDate = target.kind === 'date';
      if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') {
        const range = dateLiteralRange(raw, variable, target.scope.env.now);
        if (!range) throw errors.unexpectedToken(soql, target.valueAt(), raw);
        const format = isDate ? formatDate : formatDatetime;
        return { kind: 'range', start: format(range.start), end: format(range.end) };
      }
      if (isDate && type === 'DATE') {
        const value = dateLiteral(raw);
        if (value === undefined) throw errors.invalidDate(soql, target.valueAt(), raw);
        return { kind: 'value', value };
      }
      if (!isDate && type === 'DATETIME') {
        const value = datetimeLiteral(raw);
        if (value === undefined) throw errors.invalidDatetime(soql, target.valueAt(), raw);
        return { kind: 'value', value };
      }
      throw wrongType();
    }
  }
}

/** `field <op> literal` for the comparison operators, given a literal in stored form. */
function comparison(target: Target, operator: string, lit: Literal): Predicate<Row> {
  const read = target.path.read;
  if (lit.kind === 'null') {
    if (operator === '=') return (row) => read(row) === null;
    if (operator === '!=' || operator === '<>') return (row) => read(row) !== null;
    return () => false;
  }
  if (lit.kind === 'range') {
    const { start, end } = lit;
    const within = (v: FieldValue) => v !== null && (v as string) >= start && (v as string) < end;
    switch (operator) {
      case '=':
        return (row) => within(read(row));
      case '!=':
      case '<>':
        return (row) => !within(read(row));
      case '<':
        return (row) => { const v = read(row); return v !== null && (v as string) < start; };
      case '<=':
        return (row) => { const v = read(row); return v !== null && (v as string) < end; };
      case '>':
        return (row) => { const v = read(row); return v !== null && (v as string) >= end; };
      case '>=':
        return (row) => { const v = read(row); return v !== null && (v as string) >= start; };
    }
    throw errors.invalidOperator(target.scope.env.soql, target.valueAt(), target.path.field.type);
  }
  const value = lit.value;
  const norm = normalizer(target.kind);
  if (operator === '=' && target.kind === 'text') {
    const needle = value as string;
    return (row) => { const v = read(row); return typeof v === 'string' && v.length === needle.length && (v === needle || v.toLowerCase() === needle); };
  }
  switch (operator) {
    case '=':
      return (row) => { const v = read(row); return v !== null && norm(v) === value; };
    case '!=':
    case '<>':
      return (row) => { const v = read(row); return v === null || norm(v) !== value; };
    case '<':
      return (row) => { const v = read(row); return v !== null && norm(v) < value; };
    case '<=':
      return (row) => { const v = read(row); return v !== null && norm(v) <= value; };
    case '>':
      return (row) => { const v = read(row); return v !== null && norm(v) > value; };
    case '>=':
      return (row) => { const v = read(row); return v !== null && norm(v) >= value; };
  }
  throw errors.invalidOperator(target.scope.env.soql, target.valueAt(), target.path.field.type);
}

/** Brings a stored value to the literal's form: text and multi-select values compare case-insensitively (as sets for the latter). */
function normalizer(kind: ValueKind): (v: FieldValue) => string | number | boolean {
  if (kind === 'text' || kind === 'time' || kind === 'other') return (v) => String(v).toLowerCase();
  if (kind === 'multipicklist') return (v) => canonicalSet(String(v));
  return (v) => v as string | number | boolean;
}

function like(target: Target, raw: string, type: string | undefined): Predicate<Row> {
  const { soql } = target.scope.env;
  if (target.kind !== 'text') throw errors.invalidOperator(soql, target.valueAt(), target.kind === 'id' ? 'id' : target.path.field.type);
  if (type !== 'STRING') throw errors.filterValueType(soql, target.valueAt(), target.path.field.name, 'string');
  const matches = likeMatcher(unquote(raw, true));
  const read = target.path.read;
  return (row) => { const v = read(row); return typeof v === 'string' && matches(v); };
}

/** INCLUDES('a;b', 'c'): the record holds both a and b, or c. EXCLUDES: none of the listed combinations. */
function includes(target: Target, operator: 'INCLUDES' | 'EXCLUDES', raws: string[], types: (string | undefined)[]): Predicate<Row> {
  const { soql } = target.scope.env;
  if (target.kind !== 'multipicklist') throw errors.includesNeedsMultipicklist(soql, target.valueAt());
  const wanted = raws.map((raw, i) => {
    if (types[i] !== 'STRING') throw errors.filterValueType(soql, target.valueAt(), target.path.field.name, 'string');
    return unquote(raw).toLowerCase().split(';').map((part) => part.trim()).filter(Boolean);
  });
  const read = target.path.read;
  const hasAny = (row: Row) => {
    const v = read(row);
    if (v === null) return false;
    const held = new Set(String(v).toLowerCase().split(';').map((part) => part.trim()));
    return wanted.some((combination) => combination.every((item) => held.has(item)));
  };
  return operator === 'INCLUDES' ? hasAny : (row) => !hasAny(row);
}

function canonicalSet(value: string): string {
  return value.toLowerCase().split(';').map((part) => part.trim()).filter(Boolean).sort().join(';');
}
