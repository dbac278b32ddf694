import type { EventInput } from '@l2c/shared';
import type { IndicatorResultRow, VisitRow } from '../store/rows.ts';
import { evaluate, type Evaluation } from './deviation.ts';
import { expectationText, valueOf, valueText, type ExpectationColumns, type IndicatorType } from './indicators.ts';
import type { VisitStatus } from './visitRules.ts';

/**
 * The visits domain events, recorded in the outbox in the same transaction as the change. Every event's entity is the
 * `Visit` and its `dealerIds` the visited dealer, so the dealer's partner app (and nobody else's) hears of it.
 * `VisitScheduled`, `VisitCompleted` and `DeviationFlagged` carry at least the keys the insights log and partner
 * subscriptions rely on (see the event contracts); the others are for partners and webhooks.
 */
export const VisitsEventType = {
  VisitScheduled: 'VisitScheduled',
  VisitStarted: 'VisitStarted',
  VisitCompleted: 'VisitCompleted',
  VisitCancelled: 'VisitCancelled',
  DeviationFlagged: 'DeviationFlagged',
} as const;
export type VisitsEventType = (typeof VisitsEventType)[keyof typeof VisitsEventType];

/** What every visit event says about the visit. */
export interface VisitFacts {
  id: string;
  number: string;
  dealer_id: string;
  template_id: string;
  template_version: number;
  scheduled_start: Date;
  scheduled_end: Date | null;
  status: VisitStatus;
}

/** What events say about a visit. */
export function facts(visit: VisitRow): VisitFacts {
  return { id: visit.id, number: visit.number, dealer_id: visit.dealer_id, template_id: visit.template_id, template_version: visit.template_version, scheduled_start: visit.scheduled_start, scheduled_end: visit.scheduled_end, status: visit.status };
}

/** A completed visit's events: `VisitCompleted` with its score, and a `DeviationFlagged` per result that missed its expectation. */
export function completionEvents(visit: VisitRow, results: readonly IndicatorResultRow[]): EventInput[] {
  const deviating = results.filter((r) => r.met === false);
  return [
    visitCompleted(facts(visit), { completedAt: visit.completed_at ?? new Date(), score: visit.score, met: visit.met_count, evaluated: visit.evaluated_count, deviations: deviating.length }),
    ...deviating.map((r) => deviationFlagged(facts(visit), r, evaluate(r))),
  ];
}

function base(visit: VisitFacts) {
  return {
    entity: { typename: 'Visit', id: visit.id },
    dealerIds: [visit.dealer_id],
    changes: {
      number: visit.number,
      dealerId: visit.dealer_id,
      templateId: visit.template_id,
      templateVersion: visit.template_version,
      scheduledStart: visit.scheduled_start.toISOString(),
      scheduledEnd: visit.scheduled_end?.toISOString() ?? null,
    },
  };
}

/** The visit is on its assessors' calendars: newly, or moved to another time (`previousStart`). */
export function visitScheduled(visit: VisitFacts, previousStart: Date | null = null): EventInput {
  const event = base(visit);
  return { type: VisitsEventType.VisitScheduled, ...event, changes: { ...event.changes, rescheduled: previousStart !== null, previousStart: previousStart?.toISOString() ?? null } };
}

export function visitStarted(visit: VisitFacts, startedAt: Date): EventInput {
  const event = base(visit);
  return { type: VisitsEventType.VisitStarted, ...event, changes: { ...event.changes, startedAt: startedAt.toISOString() } };
}

export function visitCompleted(visit: VisitFacts, outcome: { completedAt: Date; score: string | null; met: number; evaluated: number; deviations: number }): EventInput {
  const event = base(visit);
  return {
    type: VisitsEventType.VisitCompleted,
    ...event,
    changes: { ...event.changes, score: outcome.score, completedAt: outcome.completedAt.toISOString(), met: outcome.met, evaluated: outcome.evaluated, deviations: outcome.deviations },
  };
}

export function visitCancelled(visit: VisitFacts, previousStatus: VisitStatus, reason: string | null): EventInput {
  const event = base(visit);
  return { type: VisitsEventType.VisitCancelled, ...event, changes: { ...event.changes, previousStatus, reason } };
}

export interface DeviatingResult extends ExpectationColumns {
  id: string;
  indicator_id: string | null;
  key: string;
  question: string;
  data_type: IndicatorType;
  actual_number: string | null;
  actual_boolean: boolean | null;
  actual_text: string | null;
  actual_date: string | null;
}

/**
 * One indicator of a visit missed its expectation. `expected` and `actual` are the values as text (`"10"`, `"true"`,
 * `"2026-03-01"`; a range's lower bound, with `expectedMax`), `deviation` the signed distance in the indicator's unit
 * (null for booleans and text: a mismatch has no size).
 */
export function deviationFlagged(visit: VisitFacts, result: DeviatingResult, evaluation: Evaluation): EventInput {
  const type = result.data_type;
  const expected = valueOf(type, { number: result.expected_number, boolean: result.expected_boolean, text: result.expected_text, date: result.expected_date });
  const expectedMax = valueOf(type, { number: result.expected_number_max, boolean: null, text: null, date: result.expected_date_max });
  const actual = valueOf(type, { number: result.actual_number, boolean: result.actual_boolean, text: result.actual_text, date: result.actual_date });
  return {
    type: VisitsEventType.DeviationFlagged,
    entity: { typename: 'Visit', id: visit.id },
    dealerIds: [visit.dealer_id],
    changes: {
      indicatorId: result.indicator_id,
      resultId: result.id,
      key: result.key,
      question: result.question,
      dataType: type,
      comparison: result.comparison,
      expected: expected ? valueText(expected) : null,
      expectedMax: expectedMax ? valueText(expectedMax) : null,
      expectation: expectationText(type, result),
      actual: actual ? valueText(actual) : null,
      deviation: evaluation.deviation,
      relativeDeviation: evaluation.relative,
      unit: deviationUnit(type),
      number: visit.number,
      dealerId: visit.dealer_id,
      templateId: visit.template_id,
      templateVersion: visit.template_version,
    },
  };
}

export type DeviationUnit = 'UNITS' | 'PERCENTAGE_POINTS' | 'DAYS' | 'MISMATCH';

export function deviationUnit(type: IndicatorType): DeviationUnit {
  return type === 'NUMBER' ? 'UNITS' : type === 'PERCENTAGE' ? 'PERCENTAGE_POINTS' : type === 'DATE' ? 'DAYS' : 'MISMATCH';
}
