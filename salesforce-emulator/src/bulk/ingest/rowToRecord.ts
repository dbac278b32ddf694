/**
 * One CSV row of ingest data → the record input the org takes. Bulk API rules: an empty value leaves the field
 * alone (it is not sent), `#N/A` sets it to null, and a relationship column looks the parent up by external ID.
 * Text values go to the org as strings: the org converts them to each field's type and reports bad ones with
 * Salesforce's codes, exactly as it does for REST.
 */
import type { Org, SaveError } from '../../org/types.ts';
import type { IngestColumn } from './columns.ts';

/** Bulk API's null: the literal cell text `#N/A`. */
export const BULK_NULL = '#N/A';

export type RowRecord = { ok: true; record: Record<string, unknown> } | { ok: false; error: SaveError };

export function rowToRecord(values: readonly string[], columns: readonly IngestColumn[], org: Org): RowRecord {
  if (values.length > columns.length) {
    return fail('INVALID_FIELD', `Row has ${values.length} values but the header has ${columns.length} columns`, []);
  }
  const record: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i += 1) {
    const column = columns[i] as IngestColumn;
    const value = values[i] ?? '';
    if (value === '' || column.kind === 'ignored') continue;
    if (column.kind === 'field') {
      record[column.field.name] = value === BULK_NULL ? null : value;
      continue;
    }
    if (value === BULK_NULL) {
      record[column.field.name] = null;
      continue;
    }
    const { target, matchField } = column;
    const parents = matchField.name === 'Id' ? [org.get(value)].filter((r) => r?.Id && org.schema.object(target.name) === targetOf(org, r.Id)) : org.findBy(target.name, matchField.name, value);
    if (parents.length === 0) {
      return fail('INVALID_FIELD', `Foreign key external ID: ${value} not found for field ${matchField.name} in entity ${target.name}`, []);
    }
    if (parents.length > 1) {
      return fail('DUPLICATE_EXTERNAL_ID', `Foreign key external ID: ${value} matched more than one record for field ${matchField.name} in entity ${target.name}`, []);
    }
    record[column.field.name] = parents[0]?.Id ?? null;
  }
  return { ok: true, record };
}

/** Salesforce's `sf__Error` text: `CODE:message:fields --` (`CODE:message:--` when no field is involved). */
export function formatSaveError(error: SaveError): string {
  return error.fields.length > 0 ? `${error.statusCode}:${error.message}:${error.fields.join(' ')} --` : `${error.statusCode}:${error.message}:--`;
}

function fail(statusCode: string, message: string, fields: string[]): RowRecord {
  return { ok: false, error: { statusCode, message, fields } };
}

function targetOf(org: Org, id: unknown) {
  return typeof id === 'string' ? org.schema.objectByKeyPrefix(id.slice(0, 3)) : undefined;
}
