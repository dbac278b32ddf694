import { recordEvents, type EventInput, type Queryable } from '@l2c/shared';
import type { Activity } from '../domain/activities.ts';
import type { LogEntry, ObjectType } from '../domain/logEntry.ts';
import { casesOf } from '../domain/membership.ts';
import { buildTrace, factBoolean, factText, foldFacts, mergeTrace, toEntry, type Facts, type FactEvent, type TraceEntry } from '../domain/trace.ts';
import { caseRowsForUpdate, deleteCases, upsertCases, type CaseWrite } from '../store/cases.ts';
import {
  dropReplacedBackfill,
  eventsOfCases,
  insertEventObjects,
  insertEvents,
  insertLinks,
  knownObjects,
  replaceObjectCases,
  storedCases,
  upsertObjects,
  upwardGraph,
  withDescendants,
  type ObjectUpsert,
} from '../store/log.ts';

/** The event insights publishes when a case's figures change: the gateway serves it as `processMetricsChanged`. */
export const PROCESS_METRICS_CHANGED = 'ProcessMetricsChanged';

export interface IngestOutcome {
  /** Entries logged (not seen before). */
  added: number;
  /** Cases whose trace changed, with the activities this batch added to each. */
  cases: { caseId: string; dealerId: string | null; activities: Activity[] }[];
}

/**
 * Writes a batch of entries into the log and brings the flattened view up to date, in the caller's transaction.
 * Entries seen before (same id, or the same natural key) change nothing. Cases that only gained events are merged
 * (their stored trace and attributes plus the new events); cases whose membership changed (a lead converted, an
 * order whose quote arrived late, a backfilled event replaced) are rebuilt from the log. Records one
 * `ProcessMetricsChanged` event per changed case in the outbox, so partners hear of their own cases only.
 */
export async function applyEntries(tx: Queryable, batch: readonly LogEntry[]): Promise<IngestOutcome> {
  const entries = dedupeById(batch);
  const rebuild = new Set(await dropReplacedBackfill(tx, entries.filter((e) => e.origin === 'stream' && e.naturalKey).map((e) => e.naturalKey!)));
  const insertedIds = await insertEvents(tx, entries);
  const added = entries.filter((e) => insertedIds.has(e.id));
  if (added.length === 0 && rebuild.size === 0) return { added: 0, cases: [] };

  const objects = objectsOf(added);
  const preexisting = await knownObjects(tx, [...objects.keys()]);
  await upsertObjects(tx, [...objects.values()]);
  await insertEventObjects(tx, added.flatMap((e) => e.objects.map((o) => ({ event_id: e.id, object_id: o.id, qualifier: o.qualifier }))));
  const linkedChildren = await insertLinks(tx, added.flatMap((e) => e.links.map((l) => ({ child_id: l.childId, parent_id: l.parentId, qualifier: l.qualifier }))));

  // Which cases each touched object belongs to now, against what the store held.
  const touched = await withDescendants(tx, [...new Set([...objects.keys(), ...linkedChildren])]);
  const { parents, types } = await upwardGraph(tx, touched);
  const now = casesOf(touched, types, parents);
  const before = await storedCases(tx, touched);
  const changed = new Map<string, string[]>();
  for (const [id, cases] of now) {
    const held = before.get(id) ?? [];
    if (held.join('\n') === cases.join('\n')) continue;
    changed.set(id, cases);
    // An object that had events before this batch takes them along: its old and new cases are rebuilt.
    if (preexisting.has(id) || !objects.has(id)) for (const caseId of [...held, ...cases]) rebuild.add(caseId);
  }
  await replaceObjectCases(tx, changed);

  const merges = new Map<string, LogEntry[]>();
  for (const entry of added) {
    const cases = new Set(entry.objects.flatMap((o) => now.get(o.id) ?? []));
    for (const caseId of cases) if (!rebuild.has(caseId)) merges.set(caseId, [...(merges.get(caseId) ?? []), entry]);
  }
  const kindOf = (caseId: string): CaseWrite['kind'] => (types.get(caseId) === 'Lead' ? 'LEAD' : 'OPPORTUNITY');

  const writes: CaseWrite[] = [];
  const stored = await caseRowsForUpdate(tx, [...merges.keys()]);
  for (const [caseId, newEntries] of merges) {
    const row = stored.get(caseId);
    const trace = mergeTrace(row?.trace ?? [], newEntries.map(toEntry));
    const facts = foldFacts(row?.facts ?? {}, newEntries.map(factEvent));
    writes.push(caseWrite(caseId, row?.kind ?? kindOf(caseId), trace, facts));
  }
  const emptied: string[] = [];
  const rebuilt = await eventsOfCases(tx, [...rebuild]);
  for (const [caseId, events] of rebuilt) {
    if (events.length === 0) {
      emptied.push(caseId);
      continue;
    }
    const entries = events.map((e) => ({ activity: e.activity, at: e.occurred_at.getTime(), qualifier: e.qualifier }));
    const facts = foldFacts({}, events.map((e) => ({ at: e.occurred_at.getTime(), dealerId: e.dealer_id, attributes: e.attributes })));
    writes.push(caseWrite(caseId, kindOf(caseId), buildTrace(entries.map(toEntry)), facts));
  }
  await upsertCases(tx, writes);
  await deleteCases(tx, emptied);

  const addedTo = new Map<string, Set<Activity>>();
  for (const entry of added) {
    for (const caseId of new Set(entry.objects.flatMap((o) => now.get(o.id) ?? []))) addedTo.set(caseId, (addedTo.get(caseId) ?? new Set()).add(entry.activity));
  }
  const outcome: IngestOutcome = {
    added: added.length,
    cases: writes.map((w) => ({ caseId: w.case_id, dealerId: w.dealer_id, activities: [...(addedTo.get(w.case_id) ?? [])] })),
  };
  await recordEvents(tx, outcome.cases.map(metricsChanged));
  return outcome;
}

function metricsChanged(c: IngestOutcome['cases'][number]): EventInput {
  return { type: PROCESS_METRICS_CHANGED, entity: { typename: 'ProcessCase', id: c.caseId }, dealerIds: [c.dealerId], changes: { activities: c.activities } };
}

function dedupeById(entries: readonly LogEntry[]): LogEntry[] {
  const seen = new Map<string, LogEntry>();
  for (const entry of entries) if (!seen.has(entry.id)) seen.set(entry.id, entry);
  return [...seen.values()];
}

/** Every object the entries touch or link, once, with its type, dealer and first sighting. */
function objectsOf(entries: readonly LogEntry[]): Map<string, ObjectUpsert> {
  const objects = new Map<string, ObjectUpsert>();
  const note = (id: string, type: ObjectType, dealerId: string | null, at: number) => {
    const seen = objects.get(id);
    const iso = new Date(at).toISOString();
    if (!seen) objects.set(id, { id, type, dealer_id: dealerId, first_seen_at: iso });
    else {
      seen.dealer_id ??= dealerId;
      if (iso < seen.first_seen_at) seen.first_seen_at = iso;
    }
  };
  for (const entry of entries) {
    for (const object of entry.objects) note(object.id, object.type, entry.dealerId, entry.at);
    for (const link of entry.links) {
      note(link.childId, link.childType, entry.dealerId, entry.at);
      note(link.parentId, link.parentType, entry.dealerId, entry.at);
    }
  }
  return objects;
}

function factEvent(entry: LogEntry): FactEvent {
  return { at: entry.at, dealerId: entry.dealerId, attributes: entry.attributes };
}

function caseWrite(caseId: string, kind: CaseWrite['kind'], trace: TraceEntry[], facts: Facts): CaseWrite {
  const won = factBoolean(facts, 'isWon');
  return {
    case_id: caseId,
    kind,
    dealer_id: factText(facts, 'dealerId'),
    sales_rep: factText(facts, 'salesRep'),
    segment: factText(facts, 'segment'),
    product_family: factText(facts, 'productFamily'),
    stage: factText(facts, 'stage') ?? (won === null ? null : won ? 'Closed Won' : 'Closed Lost'),
    amount: factText(facts, 'amount'),
    list_amount: factText(facts, 'listAmount'),
    discount_percent: factText(facts, 'discountPercent'),
    is_won: won,
    started_at: new Date(trace[0]![1]).toISOString(),
    ended_at: new Date(trace.at(-1)![1]).toISOString(),
    event_count: trace.length,
    trace,
    facts,
  };
}

