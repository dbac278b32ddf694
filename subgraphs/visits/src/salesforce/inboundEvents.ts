import { recordEvents, type EventInput, type InboundWrites, type Queryable } from '@l2c/shared';
import { refreshScore } from '../commands/execution.ts';
import { evaluate } from '../domain/deviation.ts';
import { completionEvents, deviationFlagged, facts, visitCancelled, visitScheduled, visitStarted } from '../domain/events.ts';
import { actualOf, valueText } from '../domain/indicators.ts';
import { resultsByIds, resultsByVisitIds, updateResults } from '../store/results.ts';
import type { IndicatorResultRow, VisitRow } from '../store/rows.ts';
import { updateVisitRow, visitsByIds } from '../store/visits.ts';

/*
 * What Salesforce changes is a visit change like any other: values recorded in the Partner Visit app are evaluated
 * against their expectations and the visit's score follows; status moves record the same events as the graph's own
 * commands, in the transaction of the inbound write. `before` holds plain table rows.
 */

const everything = { kind: 'all' } as const;
const SALESFORCE = 'salesforce';

export async function recordInboundVisitChanges(tx: Queryable, written: InboundWrites): Promise<void> {
  if (written.updated.length === 0) return;
  const after = new Map((await visitsByIds(tx, everything, written.updated.map((u) => u.localId))).map((v) => [v.id, v]));
  const events: EventInput[] = [];
  for (const { localId, before } of written.updated) {
    let visit = after.get(localId);
    if (!visit) continue;
    const previous = before as unknown as Pick<VisitRow, 'status' | 'scheduled_start'>;
    if (visit.status !== previous.status) {
      visit = await settle(tx, visit);
      if (visit.status === 'SCHEDULED') events.push(visitScheduled(facts(visit)));
      if (visit.status === 'IN_PROGRESS') events.push(visitStarted(facts(visit), visit.started_at!));
      if (visit.status === 'CANCELLED') events.push(visitCancelled(facts(visit), previous.status, visit.status_remarks));
      if (visit.status === 'COMPLETED') events.push(...completionEvents(visit, await resultsByVisitIds(tx, [visit.id])));
    } else if (visit.status === 'SCHEDULED' && new Date(previous.scheduled_start).getTime() !== visit.scheduled_start.getTime()) {
      events.push(visitScheduled(facts(visit), new Date(previous.scheduled_start)));
    }
  }
  await recordEvents(tx, events);
}

/** A status reached in Salesforce without its time gets it now; a completed visit gets its score. */
async function settle(tx: Queryable, visit: VisitRow): Promise<VisitRow> {
  const now = new Date();
  const changes: Partial<VisitRow> = {};
  if (visit.status === 'IN_PROGRESS' && !visit.started_at) changes.started_at = now;
  if (visit.status === 'COMPLETED' && !visit.completed_at) changes.completed_at = now;
  if (visit.status === 'CANCELLED' && !visit.cancelled_at) changes.cancelled_at = now;
  if (Object.keys(changes).length) await updateVisitRow(tx, visit.id, changes);
  const settled = { ...visit, ...changes };
  return visit.status === 'COMPLETED' ? refreshScore(tx, settled, await resultsByVisitIds(tx, [visit.id])) : settled;
}

export async function recordInboundResultChanges(tx: Queryable, written: InboundWrites): Promise<void> {
  if (written.updated.length === 0) return;
  const rows = await resultsByIds(tx, written.updated.map((u) => u.localId));
  const beforeById = new Map(written.updated.map((u) => [u.localId, u.before as unknown as IndicatorResultRow]));
  const now = new Date();
  const changed: IndicatorResultRow[] = [];
  await updateResults(
    tx,
    rows.map((row) => {
      const evaluation = evaluate(row);
      const previous = beforeById.get(row.id);
      const actualChanged = text(actualOf(row)) !== text(previous ? actualOf({ ...previous, data_type: row.data_type }) : null);
      changed.push({ ...row, met: evaluation.met, deviation: evaluation.deviation, relative_deviation: evaluation.relative });
      return {
        id: row.id,
        columns: {
          met: evaluation.met,
          deviation: evaluation.deviation,
          relative_deviation: evaluation.relative,
          ...(actualChanged ? { recorded_at: actualOf(row) ? now : null, recorded_by: actualOf(row) ? SALESFORCE : null } : {}),
        },
      };
    }),
  );
  const visitIds = [...new Set(rows.map((r) => r.visit_id))];
  const visits = await visitsByIds(tx, everything, visitIds);
  const events: EventInput[] = [];
  for (const visit of visits) {
    await refreshScore(tx, visit, await resultsByVisitIds(tx, [visit.id]));
    if (visit.status !== 'COMPLETED') continue;
    for (const result of changed.filter((r) => r.visit_id === visit.id && r.met === false && beforeById.get(r.id)?.met !== false)) {
      events.push(deviationFlagged(facts(visit), result, evaluate(result)));
    }
  }
  await recordEvents(tx, events);
}

function text(value: ReturnType<typeof actualOf>): string | null {
  return value ? valueText(value) : null;
}
