/**
 * The SOQL engine: a query string, the org's schema and records in; Salesforce's REST query result out. Pure and
 * synchronous: it reads the org through `QuerySource` and keeps nothing between calls.
 *
 * `prepareQuery` evaluates the query once (which rows, in which order) and shapes records on demand, so the query
 * service can snapshot a result and serve it page by page; `executeQuery` returns everything at once.
 */
import type { Query } from '@jetstreamapp/soql-parser-js';
import { isAggregateQuery, runAggregateQuery } from './aggregate.ts';
import { createEnv, lazy, resolveObject } from './env.ts';
import { errors } from './errors.ts';
import { Locator } from './locate.ts';
import { parseSoql } from './parse.ts';
import type { QueryRecord } from './projection.ts';
import { compileRowPlan, MAX_OFFSET, runRowPlan } from './rowPlan.ts';
import type { QueryCallOptions, QueryOrg, Scope } from './scope.ts';
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
