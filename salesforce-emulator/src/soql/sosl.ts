/**
 * SOSL for the basic case: `FIND {terms} [IN ALL|NAME|EMAIL|PHONE FIELDS] [RETURNING Object[(fields [WHERE …]
 * [ORDER BY …] [LIMIT n])], …] [LIMIT n]`, answered as `{ searchRecords: [...] }`.
 *
 * Matching approximates Salesforce's search index without its relevance ranking: terms are words matched
 * case-insensitively against the words of the searched fields (`*` and `?` as wildcards), several terms must all
 * match, `OR` separates alternatives, a quoted phrase must appear as written, and a term with punctuation (an email)
 * matches as a substring. Results come object by object in RETURNING order.
 */
import type { DescribeField, SObjectSchema } from '../metadata/types.ts';
import type { SObjectRecord } from '../org/types.ts';
import { createEnv, resolveObject } from './env.ts';
import { SoqlError } from './errors.ts';
import { Locator } from './locate.ts';
import { parseSoql } from './parse.ts';
import type { QueryRecord } from './projection.ts';
import { compileRowPlan, runRowPlan } from './rowPlan.ts';
import type { QueryCallOptions, QueryOrg, Scope } from './scope.ts';
import { unquote } from './values.ts';

export interface SearchResult {
  searchRecords: QueryRecord[];
}

type Scope_ = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE';

/** SOSL's default and maximum number of records. */
const MAX_SEARCH_RESULTS = 2000;

export function executeSearch(org: QueryOrg, sosl: string, options: Pick<QueryCallOptions, 'apiVersion'>): SearchResult {
  const head = /^\s*FIND\s+(?:\{((?:\\.|[^}\\])*)\}|'((?:\\.|[^'\\])*)')(.*)$/is.exec(sosl);
  if (!head) throw new SoqlError('MALFORMED_SEARCH', 'No search term found. The search term must be enclosed in braces.');
  const terms = head[1] ?? unquote(`'${head[2] ?? ''}'`);
  const matches = searchMatcher(terms);
  let rest = head[3]!.trim();

  let fieldScope: Scope_ = 'ALL';
  const inClause = /^IN\s+(ALL|NAME|EMAIL|PHONE|SIDEBAR)\s+FIELDS\b/i.exec(rest);
  if (inClause) {
    fieldScope = (inClause[1]!.toUpperCase() === 'SIDEBAR' ? 'ALL' : inClause[1]!.toUpperCase()) as Scope_;
    rest = rest.slice(inClause[0].length).trim();
  }
  let limit = MAX_SEARCH_RESULTS;
  const limitClause = /\bLIMIT\s+(\d+)\s*$/i.exec(rest);
  if (limitClause && depthAt(rest, limitClause.index) === 0) {
    limit = Math.min(limit, Number(limitClause[1]));
    rest = rest.slice(0, limitClause.index).trim();
  }

  const specs = parseReturning(rest, org);
  const searchRecords: QueryRecord[] = [];
  for (const spec of specs) {
    if (searchRecords.length >= limit) break;
    const soql = `SELECT ${spec.fields || 'Id'} FROM ${spec.object} ${spec.tail}`;
    const query = parseSoql(soql);
    const env = createEnv(org, soql, { apiVersion: options.apiVersion });
    const region = () => Locator.of(soql);
    const object = resolveObject(env, query, region);
    const scope: Scope = { env, object, alias: query.sObjectAlias, region };
    const plan = compileRowPlan(scope, query);
    const fields = searchedFields(object, fieldScope);
    const found = filter(env.source.records(object.name, env.read), (record) => matches(fields.map((field) => record[field.name])));
    for (const row of runRowPlan(plan, found)) {
      if (searchRecords.length >= limit) break;
      searchRecords.push(plan.shape(row));
    }
  }
  return { searchRecords };
}

interface ReturningSpec {
  object: string;
  fields: string;
  tail: string;
}

function parseReturning(rest: string, org: QueryOrg): ReturningSpec[] {
  if (rest === '') {
    return org.schema.objects.filter((object) => object.describe.searchable !== false).map((object) => ({ object: object.name, fields: '', tail: '' }));
  }
  const returning = /^RETURNING\s+(.*)$/is.exec(rest);
  if (!returning) throw new SoqlError('MALFORMED_SEARCH', `unexpected token: '${rest.split(/\s+/)[0]}'`);
  return splitTopLevel(returning[1]!).map((part) => {
    const m = /^\s*([A-Za-z0-9_]+)\s*(?:\((.*)\))?\s*$/s.exec(part);
    if (!m) throw new SoqlError('MALFORMED_SEARCH', `unexpected token: '${part.trim()}'`);
    const inner = m[2] ?? '';
    const keyword = /\b(WHERE|ORDER\s+BY|LIMIT|OFFSET)\b/i.exec(inner);
    return { object: m[1]!, fields: (keyword ? inner.slice(0, keyword.index) : inner).trim(), tail: keyword ? inner.slice(keyword.index) : '' };
  });
}

function depthAt(text: string, end: number): number {
  let depth = 0;
  for (let i = 0; i < end; i++) depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
  return depth;
}

/** Splits on commas outside parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((part) => part.trim() !== '');
}

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'combobox', 'encryptedstring']);

function searchedFields(object: SObjectSchema, scope: Scope_): DescribeField[] {
  switch (scope) {
    case 'NAME':
      return object.fields.filter((field) => field.nameField || field.name === 'FirstName' || field.name === 'LastName');
    case 'EMAIL':
      return object.fields.filter((field) => field.type === 'email');
    case 'PHONE':
      return object.fields.filter((field) => field.type === 'phone');
    default:
      return object.fields.filter((field) => TEXT_TYPES.has(field.type));
  }
}

/** A predicate over the searched values of one record. */
function searchMatcher(terms: string): (values: readonly unknown[]) => boolean {
  const alternatives = terms.split(/\s+OR\s+/).map((alternative) => {
    const tests: ((text: string) => boolean)[] = [];
    for (const m of alternative.matchAll(/"([^"]*)"|(\S+)/g)) {
      if (m[1] !== undefined) tests.push(phraseTest(m[1].toLowerCase()));
      else if (m[2] && m[2].toUpperCase() !== 'AND') tests.push(wordTest(m[2]));
    }
    return tests;
  });
  const meaningful = terms.replace(/[*?"\s]|\bOR\b|\bAND\b/g, '');
  if (meaningful.length < 2) throw new SoqlError('INVALID_SEARCH', 'search term must be longer than one character');
  return (values) => {
    const texts = values.filter((value): value is string => typeof value === 'string').map((value) => value.toLowerCase());
    return alternatives.some((tests) => tests.every((test) => texts.some(test)));
  };
}

function phraseTest(phrase: string): (text: string) => boolean {
  return (text) => text.includes(phrase);
}

function wordTest(word: string): (text: string) => boolean {
  const lower = word.toLowerCase();
  if (/[^a-z0-9*?]/.test(lower)) return (text) => text.includes(lower.replace(/[*?]/g, ''));
  const pattern = new RegExp(`(?:^|[^a-z0-9])${lower.replace(/\*/g, '[a-z0-9]*').replace(/\?/g, '[a-z0-9]')}(?![a-z0-9])`);
  return (text) => pattern.test(text);
}

function* filter(records: Iterable<SObjectRecord>, keep: (record: SObjectRecord) => boolean): Iterable<SObjectRecord> {
  for (const record of records) if (keep(record)) yield record;
}
