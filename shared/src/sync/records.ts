/**
 * Between Salesforce records, local rows and the values both sides agree on. Pure: lookups of parents' links are
 * passed in as maps, so this is tested without I/O.
 */
import type { CompiledField, CompiledMapping } from './compile.ts';
import { UnmappableValueError, type SfValue } from './convert.ts';
import type { SfValues } from './mapping.ts';
import { canonicalValue } from './sfValues.ts';

/** A Salesforce record read inbound, in canonical form. */
export interface InboundRecord {
  sfId: string;
  /** SystemModstamp, ISO 8601 UTC. */
  modstamp: string | null;
  /** LastModifiedDate (a person's last change), ISO; falls back to SystemModstamp. */
  modifiedAt: string | null;
  deleted: boolean;
  /** The external ID field's value: the local id of a record that was born locally. */
  externalId: string | null;
  /** Every mapped field (and the external ID field), canonical. */
  values: SfValues;
}

/** A value that cannot cross: names the Salesforce field; the record fails with `code`. */
export class RecordProblem extends Error {
  override readonly name = 'RecordProblem';
  constructor(
    readonly code: 'UNMAPPABLE_VALUE' | 'PARENT_NOT_SYNCED' | 'FIELD_NOT_UPDATEABLE',
    readonly field: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * The value an external reference holds when Salesforce names a parent that has no external ID yet (born in
 * Salesforce, not synced by the subgraph that mirrors it): the parent's Salesforce Id after this prefix.
 */
export const UNSYNCED_PARENT = 'unsynced-parent:';

/** Reads a raw record (REST JSON or Bulk CSV row) into canonical form. */
export function readRecord(mapping: CompiledMapping, raw: Record<string, unknown>): InboundRecord {
  const values: SfValues = {};
  for (const field of mapping.fields) values[field.sf] = field.externalReference ? externalReferenceValue(field, raw) : canonicalValue(field.sfType, raw[field.sf]);
  const externalId = canonicalValue('string', raw[mapping.externalId]) as string | null;
  values[mapping.externalId] = externalId;
  const modstamp = canonicalValue('datetime', raw.SystemModstamp) as string | null;
  return {
    sfId: String(raw.Id),
    modstamp,
    modifiedAt: (canonicalValue('datetime', raw.LastModifiedDate) as string | null) ?? modstamp,
    deleted: raw.IsDeleted === true || raw.IsDeleted === 'true',
    externalId,
    values,
  };
}

/**
 * An external reference's value: the parent's external ID, read through the relationship (a nested object in REST
 * JSON, a `Relationship.Field` column in Bulk CSV).
 */
function externalReferenceValue(field: CompiledField, raw: Record<string, unknown>): SfValue {
  const { relationship, externalId } = field.externalReference!;
  const parent = raw[relationship];
  const key = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[externalId] : raw[`${relationship}.${externalId}`];
  const value = canonicalValue('string', key);
  if (value !== null) return value;
  const id = canonicalValue('id', raw[field.sf]);
  return id === null ? null : `${UNSYNCED_PARENT}${String(id)}`;
}

/**
 * The values a local row stands for, in Salesforce form. References resolve through the parents' links
 * (`parentSfIds`: mapping → local id → Salesforce Id); a parent without a link yields `unresolved` and a placeholder
 * value that equals no Salesforce Id, so the record reads as changed until the parent is synced.
 */
export function valuesOfRow(
  mapping: CompiledMapping,
  row: Record<string, unknown>,
  parentSfIds: ReadonlyMap<string, ReadonlyMap<string, string>>,
): { values: SfValues; problems: RecordProblem[] } {
  const values: SfValues = {};
  const problems: RecordProblem[] = [];
  for (const field of mapping.fields) {
    const local = row[field.column];
    if (field.externalReference) {
      values[field.sf] = local === null || local === undefined ? null : String(local);
      continue;
    }
    if (field.reference) {
      if (local === null || local === undefined) values[field.sf] = null;
      else {
        const sfId = parentSfIds.get(field.reference)?.get(String(local));
        if (sfId) values[field.sf] = sfId;
        else {
          values[field.sf] = `unsynced:${String(local)}`;
          problems.push(new RecordProblem('PARENT_NOT_SYNCED', field.sf, `${field.sf}: the ${field.reference} ${String(local)} it points at is not in Salesforce yet`, true));
        }
      }
      continue;
    }
    try {
      values[field.sf] = field.convert.toSalesforce(local);
    } catch (error) {
      values[field.sf] = null;
      problems.push(unmappable(field, error));
    }
  }
  values[mapping.externalId] = String(row[mapping.key]);
  return { values, problems };
}

/**
 * The local column values for the given inbound fields of a Salesforce record. References resolve through the
 * parents' links (`parentLocalIds`: mapping → Salesforce Id → local id).
 */
export function columnsOfValues(
  fields: readonly CompiledField[],
  values: SfValues,
  parentLocalIds: ReadonlyMap<string, ReadonlyMap<string, string>>,
): { columns: Record<string, unknown>; problems: RecordProblem[] } {
  const columns: Record<string, unknown> = {};
  const problems: RecordProblem[] = [];
  for (const field of fields) {
    if (!field.inbound) continue;
    const value: SfValue = values[field.sf] ?? null;
    if (field.externalReference) {
      if (value === null) columns[field.column] = field.inboundDefault ?? null;
      else if (String(value).startsWith(UNSYNCED_PARENT)) {
        problems.push(new RecordProblem('PARENT_NOT_SYNCED', field.sf, `${field.sf}: the ${field.externalReference.sObject} ${String(value).slice(UNSYNCED_PARENT.length)} it points at has no ${field.externalReference.externalId} yet (not synced by the subgraph that mirrors it)`, true));
      } else columns[field.column] = value;
      continue;
    }
    if (field.reference) {
      if (value === null) columns[field.column] = field.inboundDefault ?? null;
      else {
        const localId = parentLocalIds.get(field.reference)?.get(String(value));
        if (localId) columns[field.column] = localId;
        else problems.push(new RecordProblem('PARENT_NOT_SYNCED', field.sf, `${field.sf}: the ${field.reference} ${String(value)} it points at has not been synced`, true));
      }
      continue;
    }
    try {
      const local = field.convert.fromSalesforce(value);
      columns[field.column] = local === null || local === undefined ? (field.inboundDefault ?? null) : local;
    } catch (error) {
      problems.push(unmappable(field, error));
    }
  }
  return { columns, problems };
}

/** A field's value as a push sends it. */
export type WireValue = SfValue | { [externalId: string]: string };

/**
 * Salesforce values of an outbound payload: the fields given, as the wire carries them. An external reference names
 * its parent by external ID through the relationship (`"SBQQ__Opportunity2__r": { "L2C_Id__c": "…" }`), or empties
 * the lookup itself.
 */
export function payloadOf(fields: readonly CompiledField[], values: SfValues): Record<string, WireValue> {
  const payload: Record<string, WireValue> = {};
  for (const field of fields) {
    const value = values[field.sf] ?? null;
    if (field.externalReference && value !== null) payload[field.externalReference.relationship] = { [field.externalReference.externalId]: String(value) };
    else payload[field.sf] = value;
  }
  return payload;
}

function unmappable(field: CompiledField, error: unknown): RecordProblem {
  if (error instanceof UnmappableValueError) return new RecordProblem('UNMAPPABLE_VALUE', field.sf, `${field.sf} (${field.column}): ${error.message}`, false);
  return new RecordProblem('UNMAPPABLE_VALUE', field.sf, `${field.sf} (${field.column}): ${(error as Error).message}`, false);
}
