import { text, UnmappableValueError, type Converter, type SfValue } from './converters.ts';

/**
 * A mapping between one of CPQ's tables and an sObject, field by field, in the shape the sync engine declares
 * mappings (`sf`, `column`, `reference`, direction): when the engine runs CPQ's objects, these move over as they are.
 * Until then `toSObject` and `fromSObject` are the whole mapping, pure and tested without I/O.
 *
 * Every mirrored record carries our id in `L2C_Id__c`, an external ID: pushes upsert by it (a retry never duplicates
 * a record), and parents are named by it too, through the relationship (`"SBQQ__Quote__r": {"L2C_Id__c": "…"}`), so
 * a child can be pushed without first looking up its parent's Salesforce Id.
 */

export const EXTERNAL_ID = 'L2C_Id__c';

export interface FieldSpec {
  /** The Salesforce field's API name. */
  sf: string;
  /** The row's column. */
  column: string;
  /** Default: text. */
  convert?: Converter;
  /** A lookup: the parent's sObject and the relationship name its external ID travels under. */
  reference?: { sObject: string; relationship: string };
  /**
   * `inbound`: Salesforce computes it (a formula or roll-up: CPQ's totals, an order's total), so it is read, never
   * written; `outbound`: ours alone (Salesforce keeps no history of it). Default: both ways.
   */
  direction?: 'both' | 'inbound' | 'outbound';
}

export interface ObjectMapping {
  sObject: string;
  table: string;
  fields: readonly FieldSpec[];
  /** Fixed values every pushed record carries (e.g. the Salesforce-only `SBQQ__Type__c`). Default: none. */
  constants?: Record<string, SfValue>;
}

export type SObjectRecord = Record<string, SfValue | { [EXTERNAL_ID]: string }>;

/** The record to upsert for a row: its writable fields, parents by external ID, our id in `L2C_Id__c`. */
export function toSObject(mapping: ObjectMapping, row: object): SObjectRecord {
  const values = row as Record<string, unknown>;
  const record: SObjectRecord = { [EXTERNAL_ID]: String(values['id']) };
  for (const field of mapping.fields) {
    if (field.direction === 'inbound') continue;
    const value = values[field.column];
    if (field.reference) {
      record[field.reference.relationship] = value == null ? null : { [EXTERNAL_ID]: String(value) };
      continue;
    }
    record[field.sf] = convert(field, 'out', value) as SfValue;
  }
  return { ...record, ...mapping.constants };
}

/** The columns an inbound record sets (parents read by their external ID); fields Salesforce does not send are left out. */
export function fromSObject(mapping: ObjectMapping, record: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  const id = record[EXTERNAL_ID];
  if (typeof id === 'string' && id !== '') row['id'] = id;
  for (const field of mapping.fields) {
    if (field.direction === 'outbound') continue;
    if (field.reference) {
      const parent = record[field.reference.relationship];
      if (parent === undefined) continue;
      row[field.column] = parent && typeof parent === 'object' ? ((parent as Record<string, unknown>)[EXTERNAL_ID] ?? null) : null;
      continue;
    }
    if (!(field.sf in record)) continue;
    row[field.column] = convert(field, 'in', record[field.sf] as SfValue);
  }
  return row;
}

function convert(field: FieldSpec, way: 'in' | 'out', value: unknown): unknown {
  const converter = field.convert ?? text;
  try {
    return way === 'out' ? converter.toSalesforce(value) : converter.fromSalesforce(value as SfValue);
  } catch (error) {
    if (error instanceof UnmappableValueError) throw new UnmappableValueError(error.value, `${field.sf}: ${error.rule}`);
    throw error;
  }
}

/**
 * The fields Salesforce calculates (direction `inbound`) whose value differs from the row's: after a push, CPQ's
 * calculator must agree with ours to the cent, or the difference is reported rather than silently taken.
 */
export function calculatedDifferences(mapping: ObjectMapping, row: object, record: Record<string, unknown>): { field: string; ours: unknown; salesforce: unknown }[] {
  const values = row as Record<string, unknown>;
  const read = fromSObject({ ...mapping, fields: mapping.fields.filter((f) => f.direction === 'inbound' && !f.reference) }, record);
  return Object.entries(read)
    .filter(([column]) => column !== 'id')
    .flatMap(([column, salesforce]) => {
      const ours = values[column];
      const field = mapping.fields.find((f) => f.column === column)!.sf;
      return String(ours) === String(salesforce) ? [] : [{ field, ours, salesforce }];
    });
}
