import type { Writable } from 'node:stream';
import { SqlParams, type Queryable, type Scope } from '@l2c/shared';
import { ACTIVITIES } from '../domain/activities.ts';
import { ATTRIBUTE_TYPES, OBJECT_TYPES, type AttributeName } from '../domain/logEntry.ts';
import type { CaseFilter } from '../store/cases.ts';
import { sinkOf } from './sink.ts';
import { withinExport } from './source.ts';

const PAGE = 1000;

/** OCEL 2.0's name for each attribute type of the log. */
const OCEL_TYPE = { string: 'string', float: 'float', integer: 'integer', boolean: 'boolean' } as const;

/**
 * The object-centric log as OCEL 2.0 JSON: object types, event types (activities) with their attributes, every
 * object with its dealer and its links to other objects (qualified: an order "ordered from" its quote), every event
 * with its attributes and the objects it touched (qualified: the "quote" an acceptance is about, the "order created").
 * Attribute values are written as strings, as the standard's JSON schema requires, their types declared on the
 * event and object types. Streamed a page of objects or events at a time.
 */
export async function writeOcel(db: Queryable, scope: Scope, filter: CaseFilter, out: Writable): Promise<void> {
  const sink = sinkOf(out);
  const eventAttributes = [
    { name: 'qualifier', type: 'string' },
    ...Object.entries(ATTRIBUTE_TYPES).map(([name, type]) => ({ name, type: OCEL_TYPE[type] })),
  ];
  await sink.write(
    `{"objectTypes":${JSON.stringify(OBJECT_TYPES.map((name) => ({ name, attributes: [{ name: 'dealer', type: 'string' }] })))},` +
      `"eventTypes":${JSON.stringify(ACTIVITIES.map((name) => ({ name, attributes: eventAttributes })))},"objects":[`,
  );
  let first = true;
  let after = '';
  for (;;) {
    const params = new SqlParams();
    const condition = withinExport(scope, filter, params, 'o.id');
    const objects = await db.query<{ id: string; type: string; dealer_id: string | null; first_seen_at: Date }>(
      `select o.id, o.type, o.dealer_id, o.first_seen_at from log_objects o where o.id > ${params.add(after)} and ${condition} order by o.id limit ${PAGE}`,
      params.values,
    );
    if (objects.length === 0) break;
    const links = await db.query<{ child_id: string; parent_id: string; qualifier: string }>(
      'select child_id, parent_id, qualifier from log_object_links where child_id = any($1) order by child_id, parent_id',
      [objects.map((o) => o.id)],
    );
    const linksOf = groupBy(links, (l) => l.child_id);
    const chunk = objects.map((o) =>
      JSON.stringify({
        id: o.id,
        type: o.type,
        attributes: o.dealer_id ? [{ name: 'dealer', value: o.dealer_id, time: o.first_seen_at.toISOString() }] : [],
        relationships: (linksOf.get(o.id) ?? []).map((l) => ({ objectId: l.parent_id, qualifier: l.qualifier })),
      }),
    );
    await sink.write((first ? '' : ',') + chunk.join(','));
    first = false;
    after = objects.at(-1)!.id;
    if (objects.length < PAGE) break;
  }
  await sink.write('],"events":[');
  first = true;
  let afterSeq = 0;
  for (;;) {
    const params = new SqlParams();
    const condition = withinExport(scope, filter, params, 'eo.object_id');
    const events = await db.query<{ seq: number; id: string; activity: string; occurred_at: Date; qualifier: string | null; attributes: Record<string, unknown> }>(
      `select e.seq, e.id, e.activity, e.occurred_at, e.qualifier, e.attributes from log_events e
        where e.seq > ${params.add(afterSeq)} and exists (select 1 from log_event_objects eo where eo.event_id = e.id and ${condition})
        order by e.seq limit ${PAGE}`,
      params.values,
    );
    if (events.length === 0) break;
    const touched = await db.query<{ event_id: string; object_id: string; qualifier: string }>(
      'select event_id, object_id, qualifier from log_event_objects where event_id = any($1) order by event_id, object_id',
      [events.map((e) => e.id)],
    );
    const objectsOf = groupBy(touched, (t) => t.event_id);
    const chunk = events.map((e) =>
      JSON.stringify({
        id: e.id,
        type: e.activity,
        time: e.occurred_at.toISOString(),
        attributes: [
          ...(e.qualifier ? [{ name: 'qualifier', value: e.qualifier }] : []),
          ...Object.entries(e.attributes).filter(([name]) => name in ATTRIBUTE_TYPES).map(([name, value]) => ({ name: name as AttributeName, value: String(value) })),
        ],
        relationships: (objectsOf.get(e.id) ?? []).map((t) => ({ objectId: t.object_id, qualifier: t.qualifier })),
      }),
    );
    await sink.write((first ? '' : ',') + chunk.join(','));
    first = false;
    afterSeq = events.at(-1)!.seq;
    if (events.length < PAGE) break;
  }
  await sink.write(']}\n');
  await sink.end();
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}
