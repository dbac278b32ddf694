/**
 * What an admin does about a held conflict: keep Salesforce's version (written locally, the local edits dropped) or
 * keep the local one (pushed by the next outbound job). Either way the link's agreed values become Salesforce's
 * current version, so the next comparison starts from what Salesforce really holds.
 */
import { DomainError, ErrorCode } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { CompiledMapping } from './compile.ts';
import { deleteLocalRows, insertLocalRows, readLocalRows, updateLocalRows } from './localWrites.ts';
import { columnsOfValues } from './records.ts';
import { valuesHash } from './sfValues.ts';
import { clearChanges, enqueueRecords, latestChangeId, markInboundWrite } from './store/changes.ts';
import { getConflict, markConflictResolved, type ConflictResolution, type SyncConflict } from './store/conflicts.ts';
import { deleteLinksByLocalId, localIdsOf, writeLinks } from './store/links.ts';

/** Resolves an open conflict; returns it as resolved. Throws a `DomainError` naming what is wrong otherwise. */
export async function resolveConflict(store: Store, mappings: ReadonlyMap<string, CompiledMapping>, id: number, keep: ConflictResolution, by: string): Promise<SyncConflict> {
  const conflict = await getConflict(store, id);
  if (!conflict) throw new DomainError(ErrorCode.NotFound, `sync conflict ${id} was not found`, { typename: 'SyncConflict', id: String(id) });
  if (conflict.status !== 'open') throw new DomainError(ErrorCode.Conflict, `sync conflict ${id} is already resolved (kept ${conflict.resolution})`, { rule: 'CONFLICT_RESOLVED' });
  const mapping = mappings.get(conflict.mapping);
  if (!mapping) throw new DomainError(ErrorCode.Conflict, `sync conflict ${id} belongs to mapping ${conflict.mapping}, which is no longer declared`, { rule: 'MAPPING_UNKNOWN' });
  const sf = conflict.salesforceVersion;
  const deletedInSalesforce = sf.IsDeleted === true;
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
      if (deletedInSalesforce) await deleteLinksByLocalId(tx, mapping.name, [conflict.localId]);
      else await writeLinks(tx, mapping.name, [{ localId: conflict.localId, sfId: conflict.sfId, values: sf, hash: valuesHash(mapping.valueFields, sf) }]);
      await enqueueRecords(tx, mapping.table, [conflict.localId]);
    }
    await markConflictResolved(tx, id, keep, by);
  });
  return (await getConflict(store, id))!;
}
