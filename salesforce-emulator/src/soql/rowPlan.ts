/**
 * A record query (no aggregates) compiled into a plan: which rows (filter, order, offset, limit) and how each is
 * shaped. Used for the top-level query and, through `childRunner`, for each child subquery.
 */
import type { FieldFunctionExpression, QueryBase, Subquery } from '@jetstreamapp/soql-parser-js';
import type { DescribeField, SObjectSchema } from '../metadata/types.ts';
import type { SObjectRecord } from '../org/types.ts';
import { errors } from './errors.ts';
import { resolvePath } from './fieldPath.ts';
import type { Locator } from './locate.ts';
import type { Predicate } from './logic.ts';
import { Projection, type ChildResult, type QueryRecord } from './projection.ts';
import type { Env, Scope } from './scope.ts';
import type { SortKey } from './sort.ts';
import { compileOrderBy, compileWhere, selectRows } from './where.ts';

type Row = SObjectRecord;

export interface RowPlan {
  readonly object: SObjectSchema;
  readonly filter: Predicate<Row> | undefined;
  readonly sort: readonly SortKey<Row>[];
  readonly offset: number;
  readonly limit: number | undefined;
  readonly shape: (row: Row) => QueryRecord;
}

/** Salesforce's ceiling on OFFSET. */
export const MAX_OFFSET = 2000;

export function compileRowPlan(scope: Scope, query: QueryBase): RowPlan {
  const { env } = scope;
  const projection = new Projection(env, scope.object);
  let subqueries = 0;
  for (const field of query.fields ?? []) {
    switch (field.type) {
      case 'Field':
      case 'FieldRelationship': {
        const written = field.type === 'Field' ? field.field : (field.rawValue ?? [...field.relationships, field.field].join('.'));
        const path = resolvePath(scope, written, 'SELECT');
        projection.addField(path, written, () => scope.region().path(written, 'SELECT'));
        break;
      }
      case 'FieldSubquery':
        addChildSubquery(scope, projection, field.subquery, scope.region().subquery('SELECT', subqueries++));
        break;
      case 'FieldFunctionExpression':
        addFieldsFunction(scope, projection, field, query.limit);
        break;
      default:
        throw errors.unsupported(env.soql, scope.region().word('TYPEOF', 'SELECT'), 'TYPEOF');
    }
  }
  const offset = query.offset ?? 0;
  if (offset > MAX_OFFSET) throw errors.offsetTooLarge();
  return {
    object: scope.object,
    filter: compileWhere(scope, query.where),
    sort: compileOrderBy(scope, query.orderBy),
    offset,
    limit: query.limit,
    shape: projection.shaper(),
  };
}

/** The rows of a plan over some records, in order. */
export function runRowPlan(plan: RowPlan, rows: Iterable<Row>): Row[] {
  return selectRows(rows, plan.filter, plan.sort, plan.offset, plan.limit);
}

function addChildSubquery(parent: Scope, projection: Projection, subquery: Subquery, region: Locator): void {
  const { env } = parent;
  const relationship = parent.object.childRelationships.get(subquery.relationshipName.toLowerCase());
  const child = relationship ? env.schema.object(relationship.childSObject) : undefined;
  if (!relationship || !child) {
    throw errors.unknownChildRelationship(env.soql, region.word(subquery.relationshipName, 'FROM'), subquery.relationshipName);
  }
  if ((subquery.fields ?? []).some((field) => field.type === 'FieldSubquery')) {
    throw errors.malformed(env.soql, region.clause('SELECT'), 'Nesting of semi join sub-selects is not supported');
  }
  const scope: Scope = { env, object: child, alias: undefined, region: () => region };
  const plan = compileRowPlan(scope, subquery);
  projection.addChildren(relationship.relationshipName ?? subquery.relationshipName, childRunner(env, plan, relationship.field));
}

function childRunner(env: Env, plan: RowPlan, field: string): (parentId: string) => ChildResult | null {
  const childType = plan.object.name;
  return (parentId) => {
    const rows = runRowPlan(plan, env.source.children(childType, field, parentId, env.read));
    if (rows.length === 0) return null;
    return { totalSize: rows.length, done: true, records: rows.map(plan.shape) };
  };
}

/** FIELDS(ALL | STANDARD | CUSTOM). ALL and CUSTOM need a LIMIT of at most 200, as in Salesforce. */
function addFieldsFunction(scope: Scope, projection: Projection, field: FieldFunctionExpression, limit: number | undefined): void {
  const { soql } = scope.env;
  const name = field.functionName.toUpperCase();
  const at = () => scope.region().word(field.functionName, 'SELECT');
  if (field.isAggregateFn) throw errors.malformed(soql, at(), 'Aggregate functions cannot be mixed with non-aggregate queries here');
  if (name !== 'FIELDS') throw errors.unsupported(soql, at(), `${field.functionName}()`);
  const which = String(field.parameters[0] ?? '').toUpperCase();
  if (which !== 'STANDARD' && (limit === undefined || limit > 200)) {
    throw errors.malformed(soql, at(), 'The SOQL FIELDS function must have a LIMIT of at most 200');
  }
  const include = (describe: DescribeField) =>
    describe.type !== 'address' && describe.type !== 'location' && (which === 'ALL' || describe.custom === (which === 'CUSTOM'));
  for (const describe of scope.object.fields.filter(include)) {
    projection.addField(resolvePath(scope, describe.name, 'SELECT'), describe.name, at);
  }
}
