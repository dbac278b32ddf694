/**
 * The SOQL engine: a query string, the org's schema and records in; Salesforce's REST query result out. Pure and
 * synchronous: it reads the org through `QuerySource` and keeps nothing between calls.
 *
 * `prepareQuery` evaluates the query once (which rows, in which order) and shapes records on demand, so the query
 * service can snapshot a result and serve it page by page; `executeQuery` returns everything at once.
 */
import type { Query } from '@jetstreamapp/soql-parser-js';
import type { SObjectSchema } from '../metadata/types.ts';

import { isAggregateQuery, runAggregateQuery } from './aggregate.ts';
import { errors } from './errors.ts';
import { resolvePath } from './fieldPath.ts';
import { Locator } from './locate.ts';
import { parseSoql } from './parse.ts';
import type { QueryRecord } from './projection.ts';
import { compileRowPlan, MAX_OFFSET, runRowPlan } from './rowPlan.ts';
import type { Env, QueryCallOptions, QueryOrg, Scope } from './scope.ts';
import { valueKind } from './values.ts';
import { compileWhere, selectRows } from './where.ts';

export type { QueryCallOptions, QueryOrg, QuerySource } from './scope.ts';
export type { ChildResult, QueryRecord } from './projection.ts';

/** A query evaluated once, whose records are shaped when asked for. */
export interface PreparedQuery {
  /** `records`: rows of an object; `count`: `SELECT COUNT()` (a size, no records); `aggregate`: AggregateResult rows. */
  readonly kind: 'records' | 'count' | 'aggregate';
  /** The object queried, with the schema's spelling. */
  readonly objectName: string;
  /** How many records the query returns in all (for `count`, the count). */
  readonly totalSize: number;
  /** Records `[start, end)` in REST form. Always empty for `count`. */
  records(start: number, end: number): QueryRecord[];
}

/** The REST API's query result. */
export interface QueryResult {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: QueryRecord[];
}

/** Parses, checks and evaluates a query. Throws `SoqlError` with Salesforce's code and message. */
export function prepareQuery(org: QueryOrg, soql: string, options: QueryCallOptions): PreparedQuery {
  const query = parseSoql(soql);
  const locator = lazy(() => Locator.of(soql));
  const env = createEnv(org, soql, options);
  const object = resolveObject(env, query, locator);
  const scope: Scope = { env, object, alias: query.sObjectAlias, region: locator };
  const all = () => env.source.records(object.name, env.read);

  if (isCountQuery(query)) {
    const offset = query.offset ?? 0;
    if (offset > MAX_OFFSET) throw errors.offsetTooLarge();
    const totalSize = selectRows(all(), compileWhere(scope, query.where), [], offset, query.limit).length;
    return { kind: 'count', objectName: object.name, totalSize, records: () => [] };
  }
  if (isAggregateQuery(query)) {
    const rows = runAggregateQuery(scope, query, all());
    return { kind: 'aggregate', objectName: object.name, totalSize: rows.length, records: (start, end) => rows.slice(start, end) };
  }
  const plan = compileRowPlan(scope, query);
  const rows = runRowPlan(plan, all());
  return {
    kind: 'records',
    objectName: object.name,
    totalSize: rows.length,
    records: (start, end) => {
      const slice = rows.slice(start, end);
      const out = new Array<QueryRecord>(slice.length);
      for (let i = 0; i < slice.length; i++) out[i] = plan.shape(slice[i]!);
      return out;
    },
  };
}

/** Runs a query and returns every record in one result (`done: true`), as a query without paging would. */
export function executeQuery(org: QueryOrg, soql: string, options: QueryCallOptions): QueryResult {
  const prepared = prepareQuery(org, soql, options);
  return { totalSize: prepared.totalSize, done: true, records: prepared.records(0, prepared.totalSize) };
}

function createEnv(org: QueryOrg, soql: string, options: QueryCallOptions): Env {
  const read = { includeDeleted: options.includeDeleted ?? false };
  const env: Env = {
    soql,
    schema: org.schema,
    source: org.source,
    now: org.now?.() ?? new Date(),
    read,
    urlPrefix: `/services/data/v${options.apiVersion}/sobjects/`,
    semiJoin: (inner, region) => {
      const object = resolveObject(env, inner, () => region);
      const scope: Scope = { env, object, alias: inner.sObjectAlias, region: () => region };
      const selected = inner.fields ?? [];
      const only = selected[0];
      if (selected.length !== 1 || !only || (only.type !== 'Field' && only.type !== 'FieldRelationship')) {
        throw errors.malformed(soql, region.clause('SELECT'), 'semi join sub selects must select exactly one Id or reference field');
      }
      const written = only.type === 'Field' ? only.field : (only.rawValue ?? [...only.relationships, only.field].join('.'));
      const path = resolvePath(scope, written, 'SELECT');
      if (valueKind(path.field.type) !== 'id') throw errors.malformed(soql, region.path(written, 'SELECT'), 'semi join sub selects can only select Id or reference fields');
      const filter = compileWhere(scope, inner.where);
      return lazy(() => {
        const ids = new Set<string>();
        for (const row of env.source.records(object.name, read)) {
          if (filter && !filter(row)) continue;
          const id = path.read(row);
          if (typeof id === 'string') ids.add(id);
        }
        return ids;
      });
    },
  };
  return env;
}

function resolveObject(env: Env, query: Query, region: () => Locator): SObjectSchema {
  const name = query.sObject ?? '';
  const object = env.schema.object(name);
  if (!object) throw errors.unknownObject(env.soql, region().word(name, 'FROM'), name);
  return object;
}

function isCountQuery(query: Query): boolean {
  const fields = query.fields ?? [];
  const only = fields[0];
  return (
    fields.length === 1 &&
    only?.type === 'FieldFunctionExpression' &&
    only.functionName.toUpperCase() === 'COUNT' &&
    only.parameters.length === 0 &&
    query.groupBy === undefined
  );
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}


