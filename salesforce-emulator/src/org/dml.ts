import type { SObjectSchema } from '../metadata/types.ts';
import { saveErrors } from './errors.ts';
import { finishRecord, type SaveContext } from './finishRecord.ts';
import { normalizeId } from './ids.ts';
import { diffFields, presentFields, recordChange, saveContext, type OrgState } from './orgState.ts';
import { readInput } from './readInput.ts';
import type { RecordInput, SaveError, SaveResult, SObjectRecord, UpsertResult } from './types.ts';

/**
 * Insert, update and upsert of one object's records. Each runs inside the caller's transaction; with allOrNone, a
 * failure rolls the call back to its savepoint and every other record reports ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
export function insertRecords(state: OrgState, type: string, inputs: readonly RecordInput[], allOrNone: boolean): SaveResult[] {
  const object = state.schema.object(type);
  if (!object) return inputs.map(() => failed(null, invalidType(type)));
  if (!object.describe.createable) return inputs.map(() => failed(null, saveErrors.invalidTypeForOperation(object.name, 'inserted')));
  const context = saveContext(state, userOf(state));
  return inBatch(state, allOrNone, inputs, (input) => insertOne(state, context, object, input), rolledBackInsert);
}

export function updateRecords(state: OrgState, type: string, inputs: readonly RecordInput[], allOrNone: boolean): SaveResult[] {
  const object = state.schema.object(type);
  if (!object) return inputs.map(() => failed(null, invalidType(type)));
  if (!object.describe.updateable) return inputs.map(() => failed(null, saveErrors.invalidTypeForOperation(object.name, 'updated')));
  const context = saveContext(state, userOf(state));
  return inBatch(state, allOrNone, inputs, (input) => updateOne(state, context, object, input), rolledBack);
}

export function upsertRecords(state: OrgState, type: string, externalIdField: string, inputs: readonly RecordInput[], allOrNone: boolean): UpsertResult[] {
  const object = state.schema.object(type);
  if (!object) return inputs.map(() => ({ ...failed(null, invalidType(type)), created: false }));
  const keyField = object.fieldsByName.get(externalIdField.toLowerCase());
  if (!keyField || !(keyField.externalId || keyField.type === 'id')) {
    return inputs.map(() => ({ ...failed(null, saveErrors.notAnExternalId(externalIdField, object.name)), created: false }));
  }
  const context = saveContext(state, userOf(state));
  return inBatch(
    state,
    allOrNone,
    inputs,
    (input): UpsertResult => {
      const key = Object.keys(input).find((name) => name.toLowerCase() === keyField.name.toLowerCase());
      const value = key === undefined ? undefined : input[key];
      if (value === undefined || value === null || value === '') return { ...failed(null, saveErrors.missingExternalId(keyField.name)), created: false };
      const matches =
        keyField.type === 'id'
          ? [normalizeId(String(value))].filter((id): id is string => id !== undefined && state.store.get(id)?.deletedAt === undefined)
          : state.store.lookup(object, keyField, String(value)).filter((id) => state.store.get(id)?.deletedAt === undefined);
      if (matches.length > 1) return { ...failed(null, saveErrors.duplicateExternalId(keyField.name, matches)), created: false };
      const match = matches[0];
      if (match !== undefined) {
        // The key already matches; it is not an update of the key field itself.
        const rest = Object.fromEntries(Object.entries(input).filter(([name]) => name !== key));
        return { ...updateOne(state, context, object, { ...rest, Id: match }), created: false };
      }
      if (keyField.type === 'id') return { ...failed(null, saveErrors.notFound()), created: false };
      if (!object.describe.createable) return { ...failed(null, saveErrors.invalidTypeForOperation(object.name, 'inserted')), created: false };
      const result = insertOne(state, context, object, input);
      return { ...result, created: result.success };
    },
    (result) => ({ ...rolledBack(result), id: result.created ? null : result.id, created: false }),
  );
}

/** Runs one call's records; with allOrNone and any failure, undoes the call and marks the good records rolled back. */
export function inBatch<R extends SaveResult>(
  state: OrgState,
  allOrNone: boolean,
  inputs: readonly RecordInput[] | readonly string[],
  one: (input: never) => R,
  rollBack: (result: R) => R,
): R[] {
  const mark = state.store.savepoint();
  const changeMark = state.transaction?.changes.length ?? 0;
  const results = (inputs as unknown[]).map((input) => one(input as never));
  if (allOrNone && results.some((result) => !result.success)) {
    state.store.rollbackTo(mark);
    if (state.transaction) state.transaction.changes.length = changeMark;
    return results.map((result) => (result.success ? rollBack(result) : result));
  }
  return results;
}

function insertOne(state: OrgState, context: SaveContext, object: SObjectSchema, input: RecordInput): SaveResult {
  const read = readInput(state.schema, state.store, object, input, 'insert');
  if (!read.ok) return { id: null, success: false, errors: read.errors };
  const id = state.ids.create(object.keyPrefix);
  const finished = finishRecord(context, object, id, undefined, read.values);
  if (!finished.ok) return { id: null, success: false, errors: finished.errors };
  const record: SObjectRecord = finished.record;
  state.store.put({ object, fields: record });
  recordChange(state, { entityName: object.name, changeType: 'CREATE', recordId: id, changedFields: presentFields(record), nulledFields: [], record });
  return { id, success: true, errors: [] };
}

function updateOne(state: OrgState, context: SaveContext, object: SObjectSchema, input: RecordInput): SaveResult {
  const idKey = Object.keys(input).find((name) => name.toLowerCase() === 'id');
  const rawId = idKey === undefined ? undefined : input[idKey];
  if (rawId === undefined || rawId === null || rawId === '') return failed(null, saveErrors.idNotSpecified('update'));
  const id = normalizeId(String(rawId));
  if (id === undefined) return failed(null, saveErrors.malformedId(String(rawId)));
  if (!id.startsWith(object.keyPrefix)) return failed(null, saveErrors.wrongIdType(`${object.describe.label} ID`, String(rawId)));
  const entry = state.store.get(id);
  if (!entry || entry.object !== object) return failed(id, saveErrors.invalidCrossReference());
  if (entry.deletedAt !== undefined) return failed(id, saveErrors.entityIsDeleted());
  const read = readInput(state.schema, state.store, object, input, 'update');
  if (!read.ok) return { id, success: false, errors: read.errors };
  const finished = finishRecord(context, object, id, entry.fields, read.values);
  if (!finished.ok) return { id, success: false, errors: finished.errors };
  const record: SObjectRecord = finished.record;
  state.store.put({ object, fields: record });
  const { changed, nulled } = diffFields(entry.fields, record);
  recordChange(state, { entityName: object.name, changeType: 'UPDATE', recordId: id, changedFields: changed, nulledFields: nulled, record });
  return { id, success: true, errors: [] };
}

export function failed(id: string | null, error: SaveError): SaveResult {
  return { id, success: false, errors: [error] };
}

export function rolledBack<R extends SaveResult>(result: R): R {
  return { ...result, success: false, errors: [saveErrors.rolledBack()] };
}

function rolledBackInsert(result: SaveResult): SaveResult {
  return { ...rolledBack(result), id: null };
}

export function userOf(state: OrgState): string {
  return state.transaction?.userId ?? state.defaultUserId;
}

export function invalidType(type: string): SaveError {
  return { statusCode: 'INVALID_TYPE', message: `sObject type '${type}' is not supported.`, fields: [] };
}
