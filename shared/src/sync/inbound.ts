/**
 * Applies a page of Salesforce records to the local table in one transaction, with the page's checkpoint.
 *
 * Invariants:
 * - A Salesforce record whose mapped values equal the link's agreed values changed nothing we mirror (an echo of our
 *   own push, or a change to unmapped fields): nothing is written.
 * - Only the fields that changed in Salesforce are written locally, so a local value Salesforce cannot represent
 *   (a wider local enum) survives until that field changes in Salesforce.
 * - A record changed on both sides is merged when the sides changed different fields; when they changed the same
 *   field differently it is a conflict, resolved by the mapping's policy and recorded with both versions.
 * - Inbound writes are marked so the capture triggers do not queue them for pushing back.
 */
import type { Queryable, Store } from '../store/store.ts';
import type { CompiledField, CompiledMapping } from './compile.ts';
import { deleteLocalRows, insertLocalRows, readLocalRows, updateLocalRows, type RefusedWrite, type RowWrite } from './localWrites.ts';
import type { ConflictPolicy, SfValues } from './mapping.ts';
import { columnsOfValues, valuesOfRow, type InboundRecord, type RecordProblem } from './records.ts';
import { changedFields, sameValue, valuesHash } from './sfValues.ts';
import { markInboundWrite, pendingChangeTimes } from './store/changes.ts';
import { openConflicts, recordConflicts, refreshHeldConflict, type ConflictResolution, type ConflictWrite } from './store/conflicts.ts';
import { recordFailures, resolveFailures, type FailureWrite } from './store/failures.ts';
import { deleteLinksByLocalId, linksByLocalId, linksBySfId, localIdsOf, sfIdsOf, writeLinks, type Link, type LinkWrite } from './store/links.ts';

export interface InboundStats {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
  conflicts: number;
  merged: number;
  held: number;
  failed: number;
  /** Live records on the page that are linked (before or by this page): a full load counts them to find deletions. */
  linkedSeen: number;
}

export interface ApplyOptions {
  store: Store;
  mapping: CompiledMapping;
  runId: string;
  /** New local ids for records born in Salesforce. */
  newLocalId: () => string;
  /** Runs inside the transaction after the page's writes, with the page's counts: the checkpoint. */
  onCommit?: (tx: Queryable, stats: InboundStats) => Promise<void>;
}

export function emptyInboundStats(): InboundStats {
  return { inserted: 0, updated: 0, deleted: 0, unchanged: 0, conflicts: 0, merged: 0, held: 0, failed: 0, linkedSeen: 0 };
}

export async function applyInbound(options: ApplyOptions, records: readonly InboundRecord[]): Promise<InboundStats> {
  const { mapping } = options;
  return options.store.transaction(async (tx) => {
    await markInboundWrite(tx);
    const plan = await planPage(tx, options, records);
    const refused = await writePlan(tx, mapping, plan);
    const refusedIds = new Set(refused.map((r) => r.localId));
    const failures: FailureWrite[] = [
      ...plan.failures,
      ...refused.map((r): FailureWrite => ({ mapping: mapping.name, direction: 'inbound', localId: r.localId, sfId: plan.sfIdOf.get(r.localId) ?? null, errorCode: r.code, fields: r.fields, message: r.message, retryable: false })),
    ];
    await mapping.mapping.onInboundWrite?.(tx, {
      inserted: plan.inserts.map((w) => w.localId).filter((id) => !refusedIds.has(id)),
      updated: plan.updates.filter((w) => !refusedIds.has(w.localId) && plan.before.has(w.localId)).map((w) => ({ localId: w.localId, before: plan.before.get(w.localId)! })),
      deleted: plan.deletes.filter((id) => !refusedIds.has(id) && plan.before.has(id)).map((id) => ({ localId: id, before: plan.before.get(id)! })),
    });
    const written = plan.links.filter((l) => !refusedIds.has(l.localId));
    await writeLinks(tx, mapping.name, written);
    await deleteLinksByLocalId(tx, mapping.name, plan.unlink.filter((id) => !refusedIds.has(id)));
    await recordConflicts(tx, plan.conflicts, options.runId);
    for (const held of plan.held) await refreshHeldConflict(tx, held.id, held.values, held.modifiedAt);
    await recordFailures(tx, failures, options.runId);
    const failedSfIds = new Set(failures.map((f) => f.sfId));
    await resolveFailures(tx, mapping.name, 'inbound', records.map((r) => r.sfId).filter((id) => !failedSfIds.has(id)));
    const stats = plan.stats;
    const refusedBy = (kind: 'insert' | 'update' | 'delete') => refused.filter((r) => plan.kindOf.get(r.localId) === kind).length;
    const newlyLinked = written.filter((l) => !plan.linkedBefore.has(l.sfId)).length;
    const result: InboundStats = { ...stats, linkedSeen: plan.linkedBefore.size + newlyLinked, inserted: stats.inserted - refusedBy('insert'), updated: stats.updated - refusedBy('update'), deleted: stats.deleted - refusedBy('delete'), failed: failures.length };
    await options.onCommit?.(tx, result);
    return result;
  });
}

interface PagePlan {
  inserts: RowWrite[];
  updates: RowWrite[];
  deletes: string[];
  links: LinkWrite[];
  unlink: string[];
  conflicts: ConflictWrite[];
  held: { id: number; values: SfValues; modifiedAt: string | null }[];
  failures: FailureWrite[];
  stats: InboundStats;
  /** local id → what is written for it (to count refusals) */
  kindOf: Map<string, 'insert' | 'update' | 'delete'>;
  sfIdOf: Map<string, string>;
  /** Salesforce Ids of live records on the page that were linked before it. */
  linkedBefore: Set<string>;
  /** The local rows as they were before the page, by local id (for the mapping's `onInboundWrite`). */
  before: Map<string, Record<string, unknown>>;
}

async function planPage(tx: Queryable, options: ApplyOptions, all: readonly InboundRecord[]): Promise<PagePlan> {
  const { mapping } = options;
  const conflictFields = mapping.valueFields;
  const compared = [...conflictFields, mapping.externalId];
  const links = await linksBySfId(tx, mapping.name, all.map((r) => r.sfId));
  const plan: PagePlan = { inserts: [], updates: [], deletes: [], links: [], unlink: [], conflicts: [], held: [], failures: [], stats: emptyInboundStats(), kindOf: new Map(), sfIdOf: new Map(), linkedBefore: new Set(), before: new Map() };
  // Records whose mapped values equal the link's need nothing (echoes, unmapped changes, overlap re-reads): settle
  // them before reading any local row.
  const records: InboundRecord[] = [];
  for (const record of all) {
    const link = links.get(record.sfId);
    if (link && !record.deleted) plan.linkedBefore.add(record.sfId);
    if (link && !record.deleted && changedFields(compared, link.sf_values, record.values).length === 0) plan.stats.unchanged++;
    else records.push(record);
  }
  const candidateIds = [...new Set(records.flatMap((r) => [links.get(r.sfId)?.local_id, r.externalId].filter((id): id is string => !!id)))];
  const rows = await readLocalRows(tx, mapping, candidateIds, true);
  plan.before = rows;
  const linkedHere = new Set([...links.values()].map((l) => l.local_id));
  const linksOfLocal = await linksByLocalId(tx, mapping.name, candidateIds.filter((id) => !linkedHere.has(id)));
  const pending = await pendingChangeTimes(tx, mapping.table, candidateIds);
  const held = await openConflicts(tx, mapping.name, candidateIds);
  const parentLocal = await parentLocalIds(tx, mapping, records);
  const parentSf = await parentSfIds(tx, mapping, [...rows.values()]);
  const inboundFields = mapping.fields.filter((f) => f.inbound);
  const fail = (record: InboundRecord, localId: string | null, problems: RecordProblem[]) => {
    const first = problems[0]!;
    plan.failures.push({ mapping: mapping.name, direction: 'inbound', localId, sfId: record.sfId, errorCode: first.code, fields: [...new Set(problems.map((p) => p.field))], message: problems.map((p) => p.message).join('; '), retryable: false });
  };
  const link = (record: InboundRecord, localId: string) => {
    plan.links.push({ localId, sfId: record.sfId, values: record.values, hash: valuesHash(conflictFields, record.values), modstamp: record.modstamp });
    plan.sfIdOf.set(localId, record.sfId);
  };
  const insert = (record: InboundRecord, localId: string): boolean => {
    const { columns, problems } = columnsOfValues(inboundFields, record.values, parentLocal);
    if (problems.length) return fail(record, localId, problems), false;
    for (const [column, value] of Object.entries(mapping.mapping.insertDefaults ?? {})) if (columns[column] === undefined || columns[column] === null) columns[column] = value;
    plan.inserts.push({ localId, columns });
    plan.kindOf.set(localId, 'insert');
    plan.stats.inserted++;
    link(record, localId);
    return true;
  };
  const update = (record: InboundRecord, localId: string, fields: readonly string[]): boolean => {
    const apply = inboundFields.filter((f) => fields.includes(f.sf));
    const { columns, problems } = columnsOfValues(apply, record.values, parentLocal);
    if (problems.length) return fail(record, localId, problems), false;
    if (apply.length) {
      plan.updates.push({ localId, columns });
      plan.kindOf.set(localId, 'update');
      plan.stats.updated++;
    } else plan.stats.unchanged++;
    link(record, localId);
    return true;
  };
  const remove = (localId: string, rowExists: boolean) => {
    if (rowExists) {
      plan.deletes.push(localId);
      plan.kindOf.set(localId, 'delete');
      plan.stats.deleted++;
    }
    plan.unlink.push(localId);
  };
  const conflict = (record: InboundRecord, localId: string, fields: string[], base: SfValues, local: SfValues, resolution: ConflictResolution | null) => {
    plan.conflicts.push({
      mapping: mapping.name,
      localId,
      sfId: record.sfId,
      policy: mapping.mapping.conflictPolicy,
      resolution,
      fields,
      base,
      localVersion: local,
      salesforceVersion: record.deleted ? { ...record.values, IsDeleted: true } : record.values,
      localModifiedAt: pending.get(localId) ?? null,
      salesforceModifiedAt: record.modifiedAt,
    });
    plan.stats.conflicts++;
  };

  for (const record of records) {
    const existing = links.get(record.sfId);
    const localId = existing?.local_id ?? record.externalId;
    const row = localId ? rows.get(localId) : undefined;
    const changedLocally = localId ? pending.has(localId) : false;
    const hold = localId ? held.get(localId) : undefined;

    if (hold) {
      plan.held.push({ id: hold.id, values: record.deleted ? { ...record.values, IsDeleted: true } : record.values, modifiedAt: record.modifiedAt });
      plan.stats.held++;
      continue;
    }

    if (record.deleted) {
      if (!existing || !localId) {
        plan.stats.unchanged++;
        continue;
      }
      const localValues = row ? valuesOfRow(mapping, row, parentSf).values : null;
      const localDiffers = !!localValues && changedFields(conflictFields, existing.sf_values, localValues).length > 0;
      if (row && changedLocally && localDiffers) {
        const winner = decide(mapping.mapping.conflictPolicy, record.modifiedAt, pending.get(localId) ?? null);
        conflict(record, localId, ['IsDeleted'], existing.sf_values, localValues!, winner);
        if (winner === 'salesforce') remove(localId, true);
        else if (winner === 'local') plan.unlink.push(localId); // pushed again: upsert by external ID recreates it
        continue;
      }
      remove(localId, !!row);
      continue;
    }

    if (!existing) {
      if (localId && row) {
        const other = linksOfLocal.get(localId);
        if (other && other.sf_id !== record.sfId) {
          plan.failures.push({ mapping: mapping.name, direction: 'inbound', localId, sfId: record.sfId, errorCode: 'DUPLICATE_EXTERNAL_ID', fields: [mapping.externalId], message: `${mapping.externalId} ${localId} is already linked to ${other.sf_id}`, retryable: false });
          continue;
        }
        // A record born here whose link was never written (the push's answer was lost): adopt it.
        const localValues = valuesOfRow(mapping, row, parentSf).values;
        const differing = changedFields(conflictFields, localValues, record.values);
        if (differing.length === 0) {
          link(record, localId);
          plan.stats.unchanged++;
        } else if (changedLocally) {
          const winner = decide(mapping.mapping.conflictPolicy, record.modifiedAt, pending.get(localId) ?? null);
          conflict(record, localId, differing, {}, localValues, winner);
          if (winner === 'salesforce') update(record, localId, differing);
          else if (winner === 'local') update(record, localId, []);
        } else update(record, localId, differing);
        continue;
      }
      if (localId && changedLocally && mapping.mapping.conflictPolicy !== 'salesforce_wins') {
        // Deleted here before its link was written: link it so the pending deletion reaches Salesforce.
        link(record, localId);
        plan.stats.unchanged++;
        continue;
      }
      insert(record, localId ?? options.newLocalId());
      continue;
    }

    const sfChanged = changedFields(compared, existing.sf_values, record.values);
    if (sfChanged.length === 0) {
      plan.stats.unchanged++;
      continue;
    }
    if (!row) {
      if (changedLocally) {
        const winner = decide(mapping.mapping.conflictPolicy, record.modifiedAt, pending.get(existing.local_id) ?? null);
        conflict(record, existing.local_id, sfChanged, existing.sf_values, { deleted: true }, winner);
        if (winner === 'salesforce') insert(record, existing.local_id);
        continue;
      }
      insert(record, existing.local_id);
      continue;
    }
    const localValues = valuesOfRow(mapping, row, parentSf).values;
    const localChanged = changedLocally ? changedFields(conflictFields, existing.sf_values, localValues) : [];
    const overlap = localChanged.filter((f) => sfChanged.includes(f) && !sameValue(localValues[f], record.values[f]));
    if (localChanged.length && !overlap.length) plan.stats.merged++;
    if (!overlap.length) {
      update(record, existing.local_id, sfChanged);
      continue;
    }
    const winner = decide(mapping.mapping.conflictPolicy, record.modifiedAt, pending.get(existing.local_id) ?? null);
    conflict(record, existing.local_id, overlap, existing.sf_values, localValues, winner);
    if (winner === 'salesforce') update(record, existing.local_id, sfChanged);
    else if (winner === 'local') update(record, existing.local_id, sfChanged.filter((f) => !overlap.includes(f)));
  }
  return plan;
}

/** Which side's values a conflict keeps under a policy; null holds the record (manual). */
export function decide(policy: ConflictPolicy, salesforceModifiedAt: string | null, localModifiedAt: Date | null): ConflictResolution | null {
  switch (policy) {
    case 'salesforce_wins':
      return 'salesforce';
    case 'local_wins':
      return 'local';
    case 'manual':
      return null;
    case 'newest_wins': {
      const sf = salesforceModifiedAt ? Date.parse(salesforceModifiedAt) : 0;
      const local = localModifiedAt ? localModifiedAt.getTime() : 0;
      return local > sf ? 'local' : 'salesforce';
    }
  }
}

async function writePlan(tx: Queryable, mapping: CompiledMapping, plan: PagePlan): Promise<RefusedWrite[]> {
  return [...(await deleteLocalRows(tx, mapping, plan.deletes)), ...(await insertLocalRows(tx, mapping, plan.inserts)), ...(await updateLocalRows(tx, mapping, plan.updates))];
}

/** Parent mapping → Salesforce Id → local id, for the references on the page. */
async function parentLocalIds(tx: Queryable, mapping: CompiledMapping, records: readonly InboundRecord[]): Promise<Map<string, Map<string, string>>> {
  const result = new Map<string, Map<string, string>>();
  for (const [parent, fields] of referencesByParent(mapping)) {
    const ids = new Set<string>();
    for (const record of records) for (const field of fields) if (typeof record.values[field.sf] === 'string') ids.add(record.values[field.sf] as string);
    result.set(parent, await localIdsOf(tx, parent, [...ids]));
  }
  return result;
}

/** Parent mapping → local id → Salesforce Id, for the references of the local rows. */
export async function parentSfIds(tx: Queryable, mapping: CompiledMapping, rows: readonly Record<string, unknown>[]): Promise<Map<string, Map<string, string>>> {
  const result = new Map<string, Map<string, string>>();
  for (const [parent, fields] of referencesByParent(mapping)) {
    const ids = new Set<string>();
    for (const row of rows) for (const field of fields) if (row[field.column] !== null && row[field.column] !== undefined) ids.add(String(row[field.column]));
    result.set(parent, await sfIdsOf(tx, parent, [...ids]));
  }
  return result;
}

function referencesByParent(mapping: CompiledMapping): Map<string, CompiledField[]> {
  const byParent = new Map<string, CompiledField[]>();
  for (const field of mapping.fields) {
    if (!field.reference) continue;
    const list = byParent.get(field.reference) ?? [];
    list.push(field);
    byParent.set(field.reference, list);
  }
  return byParent;
}

export type { Link };
