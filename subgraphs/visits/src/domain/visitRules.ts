import { conflict } from '@l2c/shared';
import { actualOf, type ActualColumns, type IndicatorType } from './indicators.ts';

/**
 * A visit's life: PLANNED (dealer, place, template version and time fixed) → SCHEDULED (on one or more assessors'
 * calendars) → IN_PROGRESS (an assessor started it) → COMPLETED; any visit not completed may be CANCELLED. Values are
 * recorded and tasks completed while in progress; a visit completes only with every required indicator recorded and
 * every required task done.
 */

export type VisitStatus = 'PLANNED' | 'SCHEDULED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
export type TaskStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED';

export interface VisitState {
  number: string;
  status: VisitStatus;
}

/** CONFLICT (rule `VISIT_STATUS`) unless the visit is in one of `allowed`; the message says what it is and what is needed. */
export function assertVisitStatus(visit: VisitState, allowed: readonly VisitStatus[], action: string): void {
  if (allowed.includes(visit.status)) return;
  throw conflict(`visit ${visit.number} is ${visit.status}; ${action} needs a visit that is ${allowed.join(' or ')}`, { rule: 'VISIT_STATUS', status: visit.status, allowed });
}

/** Planned and scheduled visits follow their assessors: one or more puts a visit on the calendar, none takes it off. */
export function statusForAssessors(status: VisitStatus, assessors: number): VisitStatus {
  if (status !== 'PLANNED' && status !== 'SCHEDULED') return status;
  return assessors > 0 ? 'SCHEDULED' : 'PLANNED';
}

export interface ResultForCompletion extends ActualColumns {
  id: string;
  indicator_id: string | null;
  key: string;
  question: string;
  data_type: IndicatorType;
  is_required: boolean;
  visit_task_id: string | null;
}

export interface TaskForCompletion {
  id: string;
  name: string;
  is_required: boolean;
  status: TaskStatus;
}

/** Required indicators without a value. */
export function missingRequired<R extends ResultForCompletion>(results: readonly R[]): R[] {
  return results.filter((r) => r.is_required && actualOf(r) === null);
}

/** CONFLICT listing what stops the visit from completing: required indicators not recorded, required tasks not done. */
export function assertCompletable(visit: VisitState, tasks: readonly TaskForCompletion[], results: readonly ResultForCompletion[]): void {
  const missing = missingRequired(results);
  const open = tasks.filter((t) => t.is_required && t.status !== 'COMPLETED');
  if (missing.length === 0 && open.length === 0) return;
  const parts = [
    missing.length ? `${missing.length} required indicator(s) have no value: ${missing.map((r) => `${JSON.stringify(r.question)} (${r.key})`).join(', ')}` : null,
    open.length ? `${open.length} required task(s) are not completed: ${open.map((t) => JSON.stringify(t.name)).join(', ')}` : null,
  ].filter(Boolean);
  throw conflict(`visit ${visit.number} cannot complete: ${parts.join('; ')}`, {
    rule: missing.length ? 'REQUIRED_INDICATORS_MISSING' : 'REQUIRED_TASKS_OPEN',
    missingIndicators: missing.map((r) => ({ indicatorId: r.indicator_id, key: r.key, question: r.question })),
    openTasks: open.map((t) => ({ taskId: t.id, name: t.name })),
  });
}

/** CONFLICT unless every required indicator of the task has a value. */
export function assertTaskCompletable(visit: VisitState, task: TaskForCompletion, results: readonly ResultForCompletion[]): void {
  const missing = missingRequired(results.filter((r) => r.visit_task_id === task.id));
  if (missing.length === 0) return;
  throw conflict(`task ${JSON.stringify(task.name)} of visit ${visit.number} cannot complete: ${missing.length} required indicator(s) have no value: ${missing.map((r) => `${JSON.stringify(r.question)} (${r.key})`).join(', ')}`, {
    rule: 'REQUIRED_INDICATORS_MISSING',
    missingIndicators: missing.map((r) => ({ indicatorId: r.indicator_id, key: r.key, question: r.question })),
  });
}
