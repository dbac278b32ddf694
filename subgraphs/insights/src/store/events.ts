import type { Queryable } from '@l2c/shared';
import { activityCode } from '../domain/activities.ts';
import { inTraceOrder } from '../domain/trace.ts';
import { eventsOfCases, type StoredLogEvent } from './log.ts';

/** An event of a case as the graph shows it: with the objects it touched. */
export interface EventView extends StoredLogEvent {
  case_id: string;
  objects: { id: string; type: string; qualifier: string }[];
}

/** The events of cases (already checked against the caller's scope), in trace order, with their objects: two statements. */
export async function caseEvents(db: Queryable, caseIds: readonly string[]): Promise<EventView[]> {
  const byCase = await eventsOfCases(db, caseIds);
  const ids = [...new Set([...byCase.values()].flat().map((e) => e.id))];
  const objects = ids.length
    ? await db.query<{ event_id: string; id: string; type: string; qualifier: string }>(
        `select eo.event_id, o.id, o.type, eo.qualifier from log_event_objects eo join log_objects o on o.id = eo.object_id where eo.event_id = any($1) order by o.type, o.id`,
        [ids],
      )
    : [];
  const objectsOf = new Map<string, EventView['objects']>();
  for (const row of objects) objectsOf.set(row.event_id, [...(objectsOf.get(row.event_id) ?? []), { id: row.id, type: row.type, qualifier: row.qualifier }]);
  return [...byCase].flatMap(([caseId, events]) =>
    inTraceOrder(events, (e) => ({ code: activityCode(e.activity), at: e.occurred_at.getTime() })).map((e) => ({ ...e, case_id: caseId, objects: objectsOf.get(e.id) ?? [] })),
  );
}
