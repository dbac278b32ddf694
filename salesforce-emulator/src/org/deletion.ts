import type { SObjectSchema } from '../metadata/types.ts';
import { formatDateTime } from './datetime.ts';
import { failed, inBatch, rolledBack, userOf } from './dml.ts';
import { saveErrors } from './errors.ts';
import { normalizeId } from './ids.ts';
import { recordChange, type OrgState } from './orgState.ts';
import type { Entry } from './recordStore.ts';
import type { SaveResult, SObjectRecord } from './types.ts';

/**
 * Delete moves records to the recycle bin (IsDeleted = true, still readable by queryAll and getDeleted) and
 * cascades to master-detail children, which remember the record they went with so that undeleting it restores
 * them. A hard delete skips the bin.
 */
export function deleteRecords(state: OrgState, ids: readonly string[], allOrNone: boolean, hard: boolean): SaveResult[] {
  return inBatch(state, allOrNone, ids, (rawId: string) => deleteOne(state, rawId, hard), rolledBack);
}

export function undeleteRecords(state: OrgState, ids: readonly string[], allOrNone: boolean): SaveResult[] {
  return inBatch(state, allOrNone, ids, (rawId: string) => undeleteOne(state, rawId), rolledBack);
}

function deleteOne(state: OrgState, rawId: string, hard: boolean): SaveResult {
  if (!rawId) return failed(null, saveErrors.idNotSpecified('delete'));
  const id = normalizeId(rawId);
  if (id === undefined) return failed(null, saveErrors.malformedId(rawId));
  const entry = state.store.get(id);
  if (!entry) return failed(id, saveErrors.invalidCrossReference());
  if (entry.deletedAt !== undefined && !hard) return failed(id, saveErrors.entityIsDeleted());
  if (!entry.object.describe.deletable) return failed(id, saveErrors.invalidTypeForOperation(entry.object.name, 'deleted'));
  const restricting = restrictingChildType(state, entry.object, id);
  if (restricting) return failed(id, saveErrors.deleteRestricted(restricting));
  const timestamp = state.now();
  removeWithChildren(state, entry, id, timestamp, hard || !entry.object.describe.undeletable, undefined);
  return { id, success: true, errors: [] };
}

function removeWithChildren(state: OrgState, entry: Entry, id: string, at: Date, hard: boolean, root: string | undefined): void {
  for (const child of cascadeChildren(state, entry.object, id)) {
    if (child.entry.deletedAt === undefined) removeWithChildren(state, child.entry, child.id, at, hard, root ?? id);
  }
  const stamp = formatDateTime(at);
  const before = entry.fields;
  const fields: SObjectRecord = ({ ...before, IsDeleted: true, LastModifiedDate: stamp, LastModifiedById: userOf(state), SystemModstamp: stamp });
  if (hard) state.store.remove(id);
  else state.store.put({ object: entry.object, fields, deletedAt: at.getTime(), ...(root ? { deletedWith: root } : {}) });
  recordChange(state, { entityName: entry.object.name, changeType: 'DELETE', recordId: id, changedFields: [], nulledFields: [], record: before });
}

function undeleteOne(state: OrgState, rawId: string): SaveResult {
  if (!rawId) return failed(null, saveErrors.idNotSpecified('undelete'));
  const id = normalizeId(rawId);
  if (id === undefined) return failed(null, saveErrors.malformedId(rawId));
  const entry = state.store.get(id);
  if (!entry) return failed(id, saveErrors.invalidCrossReference());
  if (entry.deletedAt === undefined) return failed(id, saveErrors.undeleteNotDeleted());
  restore(state, entry, id, formatDateTime(state.now()));
  return { id, success: true, errors: [] };
}

function restore(state: OrgState, entry: Entry, id: string, stamp: string): void {
  const fields: SObjectRecord = ({ ...entry.fields, IsDeleted: false, LastModifiedDate: stamp, LastModifiedById: userOf(state), SystemModstamp: stamp });
  state.store.put({ object: entry.object, fields });
  recordChange(state, { entityName: entry.object.name, changeType: 'UNDELETE', recordId: id, changedFields: [], nulledFields: [], record: fields });
  const root = entry.deletedWith ?? id;
  for (const child of cascadeChildren(state, entry.object, id)) {
    if (child.entry.deletedAt !== undefined && child.entry.deletedWith === root) restore(state, child.entry, child.id, stamp);
  }
}

function cascadeChildren(state: OrgState, object: SObjectSchema, id: string): { id: string; entry: Entry }[] {
  const found: { id: string; entry: Entry }[] = [];
  for (const relationship of object.describe.childRelationships) {
    if (!relationship.cascadeDelete) continue;
    const child = state.schema.object(relationship.childSObject);
    const field = child?.fieldsByName.get(relationship.field.toLowerCase());
    if (!child || !field) continue;
    for (const childId of state.store.lookup(child, field, id)) {
      const entry = state.store.get(childId);
      if (entry) found.push({ id: childId, entry });
    }
  }
  return found;
}

function restrictingChildType(state: OrgState, object: SObjectSchema, id: string): string | undefined {
  for (const relationship of object.describe.childRelationships) {
    if (!relationship.restrictedDelete) continue;
    const child = state.schema.object(relationship.childSObject);
    const field = child?.fieldsByName.get(relationship.field.toLowerCase());
    if (!child || !field) continue;
    if (state.store.lookup(child, field, id).some((childId) => state.store.get(childId)?.deletedAt === undefined)) return child.describe.label;
  }
  return undefined;
}
