/**
 * Reads the bodies of `POST /jobs/ingest` and `POST /jobs/query` into job specs, refusing what Salesforce refuses:
 * enum values outside the documented ones (as its JSON deserializer does), unknown objects, and upserts without a
 * usable external ID field.
 */
import type { OrgSchema } from '../metadata/types.ts';
import { invalidJob, jsonParserError } from './errors.ts';
import {
  COLUMN_DELIMITERS,
  INGEST_OPERATIONS,
  LINE_ENDINGS,
  QUERY_OPERATIONS,
  type ColumnDelimiter,
  type IngestJobSpec,
  type LineEnding,
  type QueryOperation,
} from './types.ts';

export function parseIngestSpec(body: Record<string, unknown>, schema: OrgSchema): IngestJobSpec {
  const operation = enumValue(body, 'operation', INGEST_OPERATIONS, 'OperationEnum');
  const objectName = optionalString(body, 'object');
  if (!operation) throw invalidJob('InvalidJob : operation is required');
  if (!objectName) throw invalidJob('InvalidJob : object is required');
  const common = csvOptions(body);
  const object = schema.object(objectName);
  if (!object) throw invalidJob(`InvalidJob : Unable to find object: ${objectName}`);

  let externalIdFieldName: string | null = null;
  if (operation === 'upsert') {
    const name = optionalString(body, 'externalIdFieldName');
    if (!name) throw invalidJob(`InvalidJob : External ID was blank for ${object.name}. An External ID must be specified for upsert.`);
    const field = object.fieldsByName.get(name.toLowerCase());
    if (!field || !(field.externalId || field.name === 'Id' || field.idLookup)) {
      throw invalidJob(`InvalidJob : Field name provided, ${name} does not match an External ID, Salesforce Id, or indexed field for ${object.name}`);
    }
    externalIdFieldName = field.name;
  }
  return {
    object: object.name,
    operation,
    externalIdFieldName,
    ...common,
    assignmentRuleId: optionalString(body, 'assignmentRuleId'),
  };
}

export function parseQuerySpecBody(body: Record<string, unknown>): { operation: QueryOperation; query: string; columnDelimiter: ColumnDelimiter; lineEnding: LineEnding } {
  const operation = enumValue(body, 'operation', QUERY_OPERATIONS, 'OperationEnum');
  if (!operation) throw invalidJob('InvalidJob : operation is required');
  const query = optionalString(body, 'query');
  if (!query) throw invalidJob('InvalidJob : query is required');
  return { operation, query, ...csvOptions(body) };
}

function csvOptions(body: Record<string, unknown>): { columnDelimiter: ColumnDelimiter; lineEnding: LineEnding } {
  enumValue(body, 'contentType', ['CSV'] as const, 'ContentType'); // CSV is the only (and default) content type
  return {
    columnDelimiter: enumValue(body, 'columnDelimiter', Object.keys(COLUMN_DELIMITERS) as ColumnDelimiter[], 'ColumnDelimiterEnum') ?? 'COMMA',
    lineEnding: enumValue(body, 'lineEnding', Object.keys(LINE_ENDINGS) as LineEnding[], 'LineEndingEnum') ?? 'LF',
  };
}

function enumValue<T extends string>(body: Record<string, unknown>, key: string, allowed: readonly T[], enumName: string): T | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw jsonParserError(`Cannot deserialize value of type ${enumName} from String "${String(value)}": value not one of declared Enum instance names: [${allowed.join(', ')}]`);
  }
  return value as T;
}

function optionalString(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw jsonParserError(`Cannot deserialize value of type String from ${typeof value} for "${key}"`);
  return value;
}
