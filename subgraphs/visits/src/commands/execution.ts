import { badInput, notFound, recordEvents, type DomainError, type Queryable } from '@l2c/shared';
import { evaluate } from '../domain/deviation.ts';
import { completionEvents, facts, visitStarted } from '../domain/events.ts';
import { actualColumns, type IndicatorValue } from '../domain/indicators.ts';
import { scoreOf } from '../domain/score.ts';
import { combinedBadInput, parseValue, type ValueInput } from '../domain/values.ts';
import { assertCompletable, assertTaskCompletable, assertVisitStatus } from '../domain/visitRules.ts';
import { resultsByVisitIds, updateResults } from '../store/results.ts';
import type { IndicatorResultRow, VisitRow, VisitTaskRow } from '../store/rows.ts';
import { taskInScope, tasksByVisitIds, updateVisitRow, updateVisitTaskRow } from '../store/visits.ts';
import { assertExecutor, clock, lockVisit, type CommandContext } from './context.ts';

/** An assessor (or staff) starts a scheduled visit on site. */
export async function startVisit(ctx: CommandContext, id: string): Promise<VisitRow> {
  assertExecutor(ctx, 'startVisit');
  return ctx.store.transaction(async (tx) => {
    const visit = await lockVisit(tx, ctx, id);
    assertVisitStatus(visit, ['SCHEDULED'], 'starting');
    const now = clock(ctx);
    await updateVisitRow(tx, id, { status: 'IN_PROGRESS', started_at: now });
    const after: VisitRow = { ...visit, status: 'IN_PROGRESS', started_at: now };
    await recordEvents(tx, [visitStarted(facts(after), now)]);
    return after;
  });
}

export interface IndicatorValueInput extends ValueInput {
  indicatorId: string;
  /** Removes the value recorded before. */
  clear?: boolean | null;
}

/**
 * Records actual values of a visit in progress, each checked against its indicator's type. All or nothing: when any
 * value is refused, every refusal is named (field, indicator, type expected, value received) and none is stored, so
 * a retry with the corrections loses nothing. Each value is evaluated against its expectation at once; the visit's
 * score follows.
 */
export async function recordIndicatorValues(ctx: CommandContext, visitId: string, values: readonly IndicatorValueInput[]): Promise<VisitRow> {
  assertExecutor(ctx, 'recordIndicatorValues');
  if (values.length === 0) throw badInput('values', values, 'give at least one value');
  return ctx.store.transaction(async (tx) => {
    const visit = await lockVisit(tx, ctx, visitId, 'visitId');
    assertVisitStatus(visit, ['IN_PROGRESS'], 'recording values');
    const results = await resultsByVisitIds(tx, [visit.id]);
    const byIndicator = new Map(results.map((r) => [r.indicator_id, r]));
    const errors: DomainError[] = [];
    const seen = new Set<string>();
    const changes: { result: IndicatorResultRow; value: IndicatorValue | null }[] = [];
    values.forEach((input, i) => {
      const field = `values[${i}]`;
      try {
        const result = byIndicator.get(input.indicatorId);
        if (!result) throw badInput(`${field}.indicatorId`, input.indicatorId, `is not an indicator of visit ${visit.number} (template version ${visit.template_version})`);
        if (seen.has(input.indicatorId)) throw badInput(`${field}.indicatorId`, input.indicatorId, 'is given twice in one call');
        seen.add(input.indicatorId);
        changes.push({ result, value: input.clear ? null : parseValue(field, result, input) });
      } catch (error) {
        errors.push(error as DomainError);
      }
    });
    if (errors.length) throw combinedBadInput(errors);

    const now = clock(ctx);
    const updated = new Map(results.map((r) => [r.id, r]));
    const writes = changes.map(({ result, value }) => {
      const actual = actualColumns(value);
      const evaluation = evaluate({ ...result, ...actual });
      updated.set(result.id, { ...result, ...actual, met: evaluation.met });
      return {
        id: result.id,
        columns: { ...actual, recorded_at: value ? now : null, recorded_by: value ? ctx.identity.subject : null, met: evaluation.met, deviation: evaluation.deviation, relative_deviation: evaluation.relative },
      };
    });
    await updateResults(tx, writes);
    await startTouchedTasks(tx, visit.id, changes.map((c) => c.result.visit_task_id), now);
    return refreshScore(tx, visit, [...updated.values()]);
  });
}

/** Marks a task of a visit in progress done; its required indicators must have values. */
export async function completeVisitTask(ctx: CommandContext, taskId: string): Promise<VisitTaskRow> {
  assertExecutor(ctx, 'completeVisitTask');
  return ctx.store.transaction(async (tx) => {
    const task = await taskInScope(tx, ctx.scope, taskId);
    if (!task) throw notFound('VisitTask', taskId);
    const visit = await lockVisit(tx, ctx, task.visit_id);
    assertVisitStatus(visit, ['IN_PROGRESS'], 'completing a task');
    if (task.status === 'COMPLETED') return task;
    assertTaskCompletable(visit, task, await resultsByVisitIds(tx, [visit.id]));
    const now = clock(ctx);
    return updateVisitTaskRow(tx, task.id, { status: 'COMPLETED', started_at: task.started_at ?? now, completed_at: now, completed_by: ctx.identity.subject });
  });
}

/**
 * Completes a visit in progress: refused while a required indicator has no value or a required task is open (both
 * listed). Records `VisitCompleted` with the score and a `DeviationFlagged` per indicator that missed its expectation.
 */
export async function completeVisit(ctx: CommandContext, id: string): Promise<VisitRow> {
  assertExecutor(ctx, 'completeVisit');
  return ctx.store.transaction(async (tx) => {
    const visit = await lockVisit(tx, ctx, id);
    assertVisitStatus(visit, ['IN_PROGRESS'], 'completing');
    const results = await resultsByVisitIds(tx, [visit.id]);
    assertCompletable(visit, await tasksByVisitIds(tx, [visit.id]), results);
    const now = clock(ctx);
    const score = scoreOf(results);
    await updateVisitRow(tx, id, { status: 'COMPLETED', completed_at: now, score: score.score, met_count: score.met, evaluated_count: score.evaluated });
    const after: VisitRow = { ...visit, status: 'COMPLETED', completed_at: now, score: score.score, met_count: score.met, evaluated_count: score.evaluated };
    await recordEvents(tx, completionEvents(after, results));
    return after;
  });
}

/** Stores the visit's score as its results now stand; returns the visit with it. */
export async function refreshScore(tx: Queryable, visit: VisitRow, results: readonly { met: boolean | null }[]): Promise<VisitRow> {
  const score = scoreOf(results);
  if (score.score === visit.score && score.met === visit.met_count && score.evaluated === visit.evaluated_count) return visit;
  await updateVisitRow(tx, visit.id, { score: score.score, met_count: score.met, evaluated_count: score.evaluated });
  return { ...visit, score: score.score, met_count: score.met, evaluated_count: score.evaluated };
}

async function startTouchedTasks(tx: Queryable, visitId: string, taskIds: readonly (string | null)[], now: Date): Promise<void> {
  const touched = new Set(taskIds.filter((id): id is string => id !== null));
  if (touched.size === 0) return;
  await tx.query("update visit_tasks set status = 'IN_PROGRESS', started_at = $3, updated_at = now() where visit_id = $1 and id = any($2) and status = 'NOT_STARTED'", [visitId, [...touched], now]);
}
