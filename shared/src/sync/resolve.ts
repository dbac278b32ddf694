/**
 * What an admin does about a held conflict: keep Salesforce's version (written locally, the local edits dropped) or
 * keep the local one (pushed by the next outbound job), optionally edited first: the admin's values for some fields
 * are written to the local record in the same transaction, and go out with it. Either way the link's agreed values
 * become Salesforce's current version, so the next comparison starts from what Salesforce really holds (and a push
 * sends exactly the fields where the kept record differs from it).
 */
import { DomainError, ErrorCode } from '../errors.ts';
import type { Queryable, Store } from '../store/store.ts';
import type { CompiledMapping } from './compile.ts';
import { deleteLocalRows, insertLocalRows, readLocalRows, updateLocalRows } from './localWrites.ts';
import { columnsOfValues } from './records.ts';
import { canonicalValue, valuesHash } from './sfValues.ts';
import type { SfValues } from './mapping.ts';
import { clearChanges, enqueueRecords, latestChangeId, markInboundWrite } from './store/changes.ts';
import { getConflict, markConflictResolved, type ConflictResolution, type SyncConflict } from './store/conflicts.ts';
import { deleteLinksByLocalId, localIdsOf, writeLinks } from './store/links.ts';

/** Resolves an open conflict; returns it as resolved. Throws a `DomainError` naming what is wrong otherwise. */
export async function resolveConflict(store: Store, mappings: ReadonlyMap<string, CompiledMapping>, id: number, keep: ConflictResolution, by: string, edits: Readonly<Record<string, string | null>> = {}): Promise<SyncConflict> {
  const conflict = await getConflict(store, id);
  if (!conflict) throw new DomainError(ErrorCode.NotFound, `sync conflict ${id} was not found`, { typename: 'SyncConflict', id: String(id) });
  if (conflict.status !== 'open') throw new DomainError(ErrorCode.Conflict, `sync conflict ${id} is already resolved (kept ${conflict.resolution})`, { rule: 'CONFLICT_RESOLVED' });
  const mapping = mappings.get(conflict.mapping);
  if (!mapping) throw new DomainError(ErrorCode.Conflict, `sync conflict ${id} belongs to mapping ${conflict.mapping}, which is no longer declared`, { rule: 'MAPPING_UNKNOWN' });
  const sf = conflict.salesforceVersion;
  const deletedInSalesforce = sf.IsDeleted === true;
  const edited = editedValues(mapping, edits);
  if (Object.keys(edited).length > 0 && (keep !== 'local' || deletedInSalesforce)) {
    throw new DomainError(ErrorCode.BadUserInput, `values: edited values are kept on the local side only, and not for a record deleted in Salesforce (got keep ${keep})`, { field: 'values' });
  }
  await store.transaction(async (tx) => {
    await markInboundWrite(tx);
    if (keep === 'salesforce') {
      const rows = await readLocalRows(tx, mapping, [conflict.localId], true);
      if (deletedInSalesforce) {
        await deleteLocalRows(tx, mapping, [conflict.localId]);
        await deleteLinksByLocalId(tx, mapping.name, [conflict.localId]);
      } else {
        const parents = new Map<string, Map<string, string>>();
        for (const field of mapping.fields) {
          if (field.reference && typeof sf[field.sf] === 'string') parents.set(field.reference, await localIdsOf(tx, field.reference, [sf[field.sf] as string]));
        }
        const { columns, problems } = columnsOfValues(mapping.fields.filter((f) => f.inbound), sf, parents);
        if (problems.length) throw new DomainError(ErrorCode.Conflict, `Salesforce's version cannot be stored: ${problems.map((p) => p.message).join('; ')}`, { rule: 'UNMAPPABLE_VALUE' });
        const refused = rows.has(conflict.localId)
          ? await updateLocalRows(tx, mapping, [{ localId: conflict.localId, columns }])
          : await insertLocalRows(tx, mapping, [{ localId: conflict.localId, columns }]);
        if (refused.length) throw new DomainError(ErrorCode.Conflict, refused[0]!.message, { rule: 'STORE_REFUSED' });
        await writeLinks(tx, mapping.name, [{ localId: conflict.localId, sfId: conflict.sfId, values: sf, hash: valuesHash(mapping.valueFields, sf) }]);
      }
      await clearChanges(tx, mapping.table, [{ localId: conflict.localId, upTo: await latestChangeId(tx, mapping.table) }]);
    } else {
      if (Object.keys(edited).length > 0) await writeEdits(tx, mapping, conflict.localId, edited);
      if (deletedInSalesforce) await deleteLinksByLocalId(tx, mapping.name, [conflict.localId]);
      else await writeLinks(tx, mapping.name, [{ localId: conflict.localId, sfId: conflict.sfId, values: sf, hash: valuesHash(mapping.valueFields, sf) }]);
      await enqueueRecords(tx, mapping.table, [conflict.localId]);
    }
    await markConflictResolved(tx, id, keep, by);
  });
  return (await getConflict(store, id))!;
}

/**
 * The admin's values in canonical Salesforce form, checked against the mapping: only fields that travel both ways
 * can be edited (the edit is written locally and pushed), and a value must suit the field's type.
 */
export function editedValues(mapping: CompiledMapping, edits: Readonly<Record<string, string | null>>): SfValues {
  const values: SfValues = {};
  for (const [name, text] of Object.entries(edits)) {
    const field = mapping.fields.find((f) => f.sf === name);
    if (!field) throw badValue(name, text, `is not a field of the ${mapping.name} mapping (${mapping.fields.map((f) => f.sf).join(', ')})`);
    if (!field.inbound || !field.outbound) throw badValue(name, text, 'does not travel both ways, so an edit could not be kept on both sides');
    const value = canonicalValue(field.sfType, text === null ? null : text.trim());
    const invalid =
      (text !== null && text.trim() !== '' && value === null) ||
      (field.sfType === 'boolean' && text !== null && !['true', 'false', ''].includes(text.trim())) ||
      ((field.sfType === 'int' || field.sfType === 'long') && typeof value === 'number' && !Number.isInteger(value)) ||
      (field.sfType === 'date' && typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) ||
      (field.sfType === 'datetime' && typeof value === 'string' && Number.isNaN(Date.parse(value)));
    if (invalid) throw badValue(name, text, `is not a valid ${field.sfType} value`);
    values[name] = value;
  }
  return values;
}

async function writeEdits(tx: Queryable, mapping: CompiledMapping, localId: string, values: SfValues): Promise<void> {
  const fields = mapping.fields.filter((f) => f.sf in values);
  const parents = new Map<string, Map<string, string>>();
  for (const field of fields) {
    if (field.reference && typeof values[field.sf] === 'string') parents.set(field.reference, await localIdsOf(tx, field.reference, [values[field.sf] as string]));
  }
  const { columns, problems } = columnsOfValues(fields, values, parents);
  if (problems.length) throw new DomainError(ErrorCode.BadUserInput, `values: ${problems.map((p) => p.message).join('; ')}`, { field: 'values' });
  const refused = await updateLocalRows(tx, mapping, [{ localId, columns }]);
  if (refused.length) throw new DomainError(ErrorCode.BadUserInput, `values: ${refused[0]!.message}`, { field: 'values', fields: refused[0]!.fields });
}

function badValue(field: string, value: string | null, rule: string): DomainError {
  return new DomainError(ErrorCode.BadUserInput, `values.${field}: ${rule} (got ${JSON.stringify(value)})`, { field: `values.${field}`, value });
}
