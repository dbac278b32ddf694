import type { Queryable } from '@l2c/shared';
import type { Activity } from '../domain/activities.ts';
import type { EventAttributes, LogEntry, ObjectType } from '../domain/logEntry.ts';

/** SQL of the object-centric log: events, objects, links, and the cases objects belong to. */

/** Removes backfilled events that stream entries replace; returns the cases they were in. */
export async function dropReplacedBackfill(tx: Queryable, naturalKeys: readonly string[]): Promise<string[]> {
  if (naturalKeys.length === 0) return [];
  const cases = await tx.query<{ case_id: string }>(
    `select distinct oc.case_id from log_events e
       join log_event_objects eo on eo.event_id = e.id
       join log_object_cases oc on oc.object_id = eo.object_id
      where e.origin = 'backfill' and e.natural_key = any($1)`,
    [naturalKeys],
  );
  const deleted = await tx.query<{ id: string }>(`delete from log_events where origin = 'backfill' and natural_key = any($1) returning id`, [naturalKeys]);
  if (deleted.length > 0) await tx.query('delete from log_event_objects where event_id = any($1)', [deleted.map((row) => row.id)]);
  return cases.map((row) => row.case_id);
}

/** Inserts the entries not logged yet (by id or natural key); returns the ids inserted. */
export async function insertEvents(tx: Queryable, entries: readonly LogEntry[]): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const rows = entries.map((e) => ({
    id: e.id,
    activity: e.activity,
    occurred_at: new Date(e.at).toISOString(),
    qualifier: e.qualifier,
    dealer_id: e.dealerId,
    attributes: e.attributes,
    natural_key: e.naturalKey,
    origin: e.origin,
    stream_id: e.streamId,
    source: e.source,
  }));
  const inserted = await tx.query<{ id: string }>(
    `insert into log_events (id, activity, occurred_at, qualifier, dealer_id, attributes, natural_key, origin, stream_id, source)
     select id, activity, occurred_at, qualifier, dealer_id, coalesce(attributes, '{}'), natural_key, origin, stream_id, source
       from jsonb_to_recordset($1::jsonb) as x(id text, activity text, occurred_at timestamptz, qualifier text, dealer_id text, attributes jsonb,
                                                natural_key text, origin text, stream_id text, source text)
     on conflict do nothing
     returning id`,
    [JSON.stringify(rows)],
  );
  return new Set(inserted.map((row) => row.id));
}

/** The ids among `ids` the log already knows. */
export async function knownObjects(tx: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>('select id from log_objects where id = any($1)', [ids]);
  return new Set(rows.map((row) => row.id));
}

export interface ObjectUpsert {
  id: string;
  type: ObjectType;
  dealer_id: string | null;
  first_seen_at: string;
}

export async function upsertObjects(tx: Queryable, objects: readonly ObjectUpsert[]): Promise<void> {
  if (objects.length === 0) return;
  await tx.query(
    `insert into log_objects (id, type, dealer_id, first_seen_at)
     select id, type, dealer_id, first_seen_at from jsonb_to_recordset($1::jsonb) as x(id text, type text, dealer_id text, first_seen_at timestamptz)
     on conflict (id) do update set dealer_id = coalesce(excluded.dealer_id, log_objects.dealer_id),
                                    first_seen_at = least(log_objects.first_seen_at, excluded.first_seen_at),
                                    updated_at = now()`,
    [JSON.stringify(objects)],
  );
}

export async function insertEventObjects(tx: Queryable, rows: readonly { event_id: string; object_id: string; qualifier: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `insert into log_event_objects (event_id, object_id, qualifier)
     select event_id, object_id, qualifier from jsonb_to_recordset($1::jsonb) as x(event_id text, object_id text, qualifier text)
     on conflict do nothing`,
    [JSON.stringify(rows)],
  );
}

/** Inserts links not known yet; returns the children of those inserted. */
export async function insertLinks(tx: Queryable, links: readonly { child_id: string; parent_id: string; qualifier: string }[]): Promise<string[]> {
  if (links.length === 0) return [];
  const rows = await tx.query<{ child_id: string }>(
    `insert into log_object_links (child_id, parent_id, qualifier)
     select child_id, parent_id, qualifier from jsonb_to_recordset($1::jsonb) as x(child_id text, parent_id text, qualifier text)
     on conflict do nothing
     returning child_id`,
    [JSON.stringify(links)],
  );
  return rows.map((row) => row.child_id);
}

/** The objects below `ids` (linking up to them, at any depth), with `ids` themselves. */
export async function withDescendants(tx: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{ id: string }>(
    `with recursive d(id) as (select unnest($1::text[]) union select l.child_id from log_object_links l join d on l.parent_id = d.id)
     select id from d`,
    [ids],
  );
  return rows.map((row) => row.id);
}

/** Every link from `ids` upwards, at any depth, and the types of every object on the way. */
export async function upwardGraph(tx: Queryable, ids: readonly string[]): Promise<{ parents: Map<string, string[]>; types: Map<string, ObjectType> }> {
  const links = await tx.query<{ child_id: string; parent_id: string }>(
    `with recursive a(id) as (select unnest($1::text[]) union select l.parent_id from log_object_links l join a on l.child_id = a.id)
     select l.child_id, l.parent_id from log_object_links l where l.child_id in (select id from a)`,
    [ids],
  );
  const parents = new Map<string, string[]>();
  for (const link of links) parents.set(link.child_id, [...(parents.get(link.child_id) ?? []), link.parent_id]);
  const all = [...new Set([...ids, ...links.map((l) => l.parent_id)])];
  const typed = await tx.query<{ id: string; type: ObjectType }>('select id, type from log_objects where id = any($1)', [all]);
  return { parents, types: new Map(typed.map((row) => [row.id, row.type])) };
}

export async function storedCases(tx: Queryable, ids: readonly string[]): Promise<Map<string, string[]>> {
  const rows = ids.length ? await tx.query<{ object_id: string; case_id: string }>('select object_id, case_id from log_object_cases where object_id = any($1) order by case_id', [ids]) : [];
  const cases = new Map<string, string[]>();
  for (const row of rows) cases.set(row.object_id, [...(cases.get(row.object_id) ?? []), row.case_id]);
  return cases;
}

export async function replaceObjectCases(tx: Queryable, changed: ReadonlyMap<string, readonly string[]>): Promise<void> {
  if (changed.size === 0) return;
  await tx.query('delete from log_object_cases where object_id = any($1)', [[...changed.keys()]]);
  const rows = [...changed].flatMap(([object_id, cases]) => cases.map((case_id) => ({ object_id, case_id })));
  if (rows.length === 0) return;
  await tx.query(
    `insert into log_object_cases (object_id, case_id) select object_id, case_id from jsonb_to_recordset($1::jsonb) as x(object_id text, case_id text)`,
    [JSON.stringify(rows)],
  );
}

/** An event as read back for rebuilding a case or exporting the log. */
export interface StoredLogEvent {
  id: string;
  activity: Activity;
  occurred_at: Date;
  qualifier: string | null;
  dealer_id: string | null;
  attributes: EventAttributes;
}

/** Every event of the given cases, by case. */
export async function eventsOfCases(db: Queryable, caseIds: readonly string[]): Promise<Map<string, StoredLogEvent[]>> {
  const byCase = new Map<string, StoredLogEvent[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return byCase;
  const rows = await db.query<StoredLogEvent & { case_id: string }>(
    `select distinct oc.case_id, e.id, e.activity, e.occurred_at, e.qualifier, e.dealer_id, e.attributes, e.seq
       from log_object_cases oc
       join log_event_objects eo on eo.object_id = oc.object_id
       join log_events e on e.id = eo.event_id
      where oc.case_id = any($1)
      order by e.seq`,
    [caseIds],
  );
  for (const row of rows) byCase.get(row.case_id)!.push(row);
  return byCase;
}
