import type { DescribeField, OrgSchema, SObjectSchema } from '../metadata/types.ts';
import { coerceValue } from './coerceValue.ts';
import { saveErrors } from './errors.ts';
import type { RecordStore } from './recordStore.ts';
import type { FieldValue, RecordInput, SaveError } from './types.ts';

/** The client's values, converted and checked, keyed by field. */
export type ReadInput = { ok: true; values: Map<DescribeField, FieldValue> } | { ok: false; errors: SaveError[] };

/**
 * Reads what a client sent for one record of `object`, in Salesforce's order of checks: unknown fields, then
 * fields the client may not write, then each value's type, length and picklist, then the records that references
 * point to. The first stage with errors decides the result. `Id` and `attributes` are the caller's business and
 * skipped here. A parent given by external ID (`"Account": {"L2C_Id__c": "A-1"}`) resolves to its ID.
 */
export function readInput(schema: OrgSchema, store: RecordStore, object: SObjectSchema, input: RecordInput, mode: 'insert' | 'update'): ReadInput {
  const raw = new Map<DescribeField, unknown>();
  const notWritable: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const lower = key.toLowerCase();
    if (lower === 'id') {
      if (mode === 'insert' && value !== null && value !== undefined && value !== '') return { ok: false, errors: [saveErrors.idOnInsert()] };
      continue;
    }
    const field = object.fieldsByName.get(lower);
    if (!field) {
      const parent = object.parentRelationships.get(lower);
      if (parent && isPlainObject(value)) {
        const resolved = resolveForeignKey(schema, store, parent, value);
        if (!resolved.ok) return resolved;
        raw.set(parent, resolved.id);
        continue;
      }
      return { ok: false, errors: [saveErrors.noSuchColumn(key, object.name)] };
    }
    if (mode === 'insert' ? !field.createable : !field.updateable) notWritable.push(field.name);
    else raw.set(field, value);
  }
  if (notWritable.length > 0) return { ok: false, errors: [saveErrors.notWritable(notWritable)] };

  const values = new Map<DescribeField, FieldValue>();
  const errors: SaveError[] = [];
  for (const [field, value] of raw) {
    const coerced = coerceValue(field, value);
    if (coerced.ok) values.set(field, coerced.value);
    else errors.push(coerced.error);
  }
  if (errors.length > 0) return { ok: false, errors };

  for (const [field, value] of values) {
    if (field.type !== 'reference' || value === null) continue;
    const error = checkReference(schema, store, field, value as string);
    if (error) errors.push(error);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** Why a reference value cannot be saved: another object's ID, no such record, or a record in the recycle bin. */
function checkReference(schema: OrgSchema, store: RecordStore, field: DescribeField, id: string): SaveError | undefined {
  const targets = field.referenceTo.map((name) => schema.object(name)?.keyPrefix);
  if (!targets.includes(id.slice(0, 3))) return saveErrors.referenceOfWrongType(field.name, field.label, id);
  const entry = store.get(id);
  if (!entry) return saveErrors.invalidCrossReference([field.name]);
  if (entry.deletedAt !== undefined) return saveErrors.entityIsDeleted();
  return undefined;
}

function resolveForeignKey(
  schema: OrgSchema,
  store: RecordStore,
  field: DescribeField,
  value: Record<string, unknown>,
): { ok: true; id: string } | { ok: false; errors: SaveError[] } {
  const attributes = isPlainObject(value.attributes) ? value.attributes : {};
  const typeName = typeof attributes.type === 'string' ? attributes.type : (field.referenceTo[0] ?? '');
  const parent = schema.object(typeName);
  const keys = Object.keys(value).filter((key) => key !== 'attributes');
  const keyName = keys[0];
  if (!parent || keys.length !== 1 || keyName === undefined) {
    return { ok: false, errors: [saveErrors.noSuchColumn(field.relationshipName ?? field.name, typeName || field.name)] };
  }
  const keyField = parent.fieldsByName.get(keyName.toLowerCase());
  if (!keyField || !(keyField.externalId || keyField.type === 'id')) return { ok: false, errors: [saveErrors.notAnExternalId(keyName, parent.name)] };
  const keyValue = String(value[keyName]);
  const matches = store.lookup(parent, keyField, keyValue).filter((id) => store.get(id)?.deletedAt === undefined);
  if (matches.length === 0) return { ok: false, errors: [saveErrors.foreignKeyNotFound(keyValue, keyField.name, parent.name)] };
  if (matches.length > 1) return { ok: false, errors: [saveErrors.foreignKeyAmbiguous(keyValue, keyField.name, parent.name)] };
  return { ok: true, id: matches[0] as string };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
