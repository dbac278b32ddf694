/**
 * The columns of a Bulk API 2.0 query's CSV: one per SELECT item, named with Salesforce's spelling, parent fields
 * flattened to `Account.Name` / `Account.Owner.Name` as Salesforce does. Bulk API 2.0 refuses what CSV cannot hold
 * (child subqueries, aggregates, GROUP BY, OFFSET, TYPEOF); those refusals happen when the job is created.
 */
import { parseQuery, type FieldType as SelectItem, type Query } from '@jetstreamapp/soql-parser-js';
import type { OrgSchema, SObjectSchema } from '../../metadata/types.ts';
import { BulkError } from '../errors.ts';

/** One CSV column: its header and the path of keys to its value in a REST-shaped record. */
export interface ResultColumn {
  header: string;
  path: readonly string[];
}

export interface ResolvedSelect {
  /** The FROM object with Salesforce's spelling. */
  object: string;
  columns: ResultColumn[];
}

/** Resolves the SELECT list of `soql`; throws `BulkError` for what Bulk API 2.0 does not accept. */
export function resolveSelect(soql: string, schema: OrgSchema): ResolvedSelect {
  let query: Query;
  try {
    query = parseQuery(soql);
  } catch (error) {
    throw new BulkError(400, 'MALFORMED_QUERY', (error as Error).message);
  }
  const object = query.sObject ? schema.object(query.sObject) : undefined;
  if (!object) {
    throw new BulkError(400, 'INVALID_TYPE', `sObject type '${query.sObject ?? ''}' is not supported.`);
  }
  if (query.groupBy) throw unsupported('GROUP BY');
  if (query.offset !== undefined) throw unsupported('OFFSET');
  const columns = (query.fields ?? []).map((item) => resolveItem(item, object, schema));
  return { object: object.name, columns };
}

function resolveItem(item: SelectItem, object: SObjectSchema, schema: OrgSchema): ResultColumn {
  switch (item.type) {
    case 'Field': {
      const field = object.fieldsByName.get(item.field.toLowerCase());
      if (!field) throw invalidField(item.field, object.name);
      return { header: field.name, path: [field.name] };
    }
    case 'FieldRelationship': {
      const path = resolveRelationshipPath([...item.relationships, item.field], object, schema);
      return { header: path.join('.'), path };
    }
    case 'FieldSubquery':
      throw new BulkError(400, 'INVALIDJOB', 'Aggregate Relationship is not supported in Bulk Query with CSV content type');
    case 'FieldTypeof':
      throw unsupported('TYPEOF');
    default:
      throw unsupported('Aggregate Functions');
  }
}

/** `['Account', 'Owner', 'Name']` with each hop checked and respelled. */
function resolveRelationshipPath(names: readonly string[], start: SObjectSchema, schema: OrgSchema): string[] {
  const out: string[] = [];
  let current = start;
  names.forEach((name, i) => {
    if (i === names.length - 1) {
      const field = current.fieldsByName.get(name.toLowerCase());
      if (!field) throw invalidField(names.join('.'), start.name);
      out.push(field.name);
      return;
    }
    const reference = current.parentRelationships.get(name.toLowerCase());
    const target = reference?.referenceTo[0] ? schema.object(reference.referenceTo[0]) : undefined;
    if (!reference?.relationshipName || !target) {
      throw new BulkError(400, 'INVALID_FIELD', `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    out.push(reference.relationshipName);
    current = target;
  });
  return out;
}

function invalidField(name: string, object: string): BulkError {
  return new BulkError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
}

function unsupported(feature: string): BulkError {
  return new BulkError(400, 'INVALIDJOB', `${feature} is not supported by Bulk API 2.0 query jobs`);
}
