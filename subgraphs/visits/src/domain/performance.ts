import { badInput } from '@l2c/shared';
import { divideHalfUp, fromUnits, mustUnits, percentage } from './decimal.ts';
import type { IndicatorType } from './indicators.ts';
import { trendOf, type Trend } from './trend.ts';

/**
 * A dealer's performance over time, from its completed visits: per calendar month (UTC, by completion), the share of
 * evaluated indicators met (pooled over the month's visits, as a visit's score is pooled over its indicators), and the
 * same per indicator, followed across template versions by its key. Months without a visit are listed empty.
 */

export interface CompletedVisitFacts {
  id: string;
  completed_at: Date;
  met_count: number;
  evaluated_count: number;
}

export interface ResultFacts {
  visit_id: string;
  completed_at: Date;
  key: string;
  question: string;
  data_type: IndicatorType;
  version: number;
  met: boolean | null;
  actual_number: string | null;
  deviation: string | null;
  recorded: boolean;
}

export interface MonthScore {
  month: string;
  visits: number;
  met: number;
  evaluated: number;
  score: string | null;
}

export interface IndicatorMonth {
  month: string;
  recorded: number;
  met: number;
  evaluated: number;
  metRate: string | null;
  /** Mean actual value (numbers and percentages). */
  average: string | null;
  /** Mean signed deviation of the values evaluated (numbers, percentages, dates). */
  averageDeviation: string | null;
}

export interface IndicatorPerformance {
  key: string;
  /** As asked in the newest version the dealer was assessed with. */
  question: string;
  dataType: IndicatorType;
  recorded: number;
  met: number;
  evaluated: number;
  metRate: string | null;
  months: IndicatorMonth[];
  trend: Trend;
}

export interface Performance {
  from: string;
  to: string;
  visits: number;
  met: number;
  evaluated: number;
  score: string | null;
  months: MonthScore[];
  trend: Trend;
  indicators: IndicatorPerformance[];
}

/** The longest range asked for at once. */
export const MAX_MONTHS = 36;

/** The months from `from` to `to` (both `YYYY-MM-DD`, inclusive), as `YYYY-MM`; refuses reversed or too long ranges. */
export function monthsBetween(from: string, to: string): string[] {
  if (to < from) throw badInput('to', to, `must not be before from (${from})`);
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    months.push(label);
    if (label >= last) break;
    if (months.length >= MAX_MONTHS) throw badInput('from', from, `the range covers more than ${MAX_MONTHS} months; ask for a shorter one`);
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
  return months;
}

export function dealerPerformance(range: { from: string; to: string }, visits: readonly CompletedVisitFacts[], results: readonly ResultFacts[]): Performance {
  const months = monthsBetween(range.from, range.to);
  const monthOf = (at: Date) => at.toISOString().slice(0, 7);
  const byMonth = new Map(months.map((m) => [m, { month: m, visits: 0, met: 0, evaluated: 0 }]));
  for (const visit of visits) {
    const bucket = byMonth.get(monthOf(visit.completed_at));
    if (!bucket) continue;
    bucket.visits += 1;
    bucket.met += visit.met_count;
    bucket.evaluated += visit.evaluated_count;
  }
  const monthScores = [...byMonth.values()].map((b) => ({ ...b, score: percentage(BigInt(b.met), BigInt(b.evaluated)) }));
  const met = monthScores.reduce((s, m) => s + m.met, 0);
  const evaluated = monthScores.reduce((s, m) => s + m.evaluated, 0);
  return {
    from: range.from,
    to: range.to,
    visits: monthScores.reduce((s, m) => s + m.visits, 0),
    met,
    evaluated,
    score: percentage(BigInt(met), BigInt(evaluated)),
    months: monthScores,
    trend: trendOf(monthScores.map((m) => m.score)),
    indicators: indicatorPerformance(months, results.filter((r) => byMonth.has(monthOf(r.completed_at))), monthOf),
  };
}

function indicatorPerformance(months: readonly string[], results: readonly ResultFacts[], monthOf: (at: Date) => string): IndicatorPerformance[] {
  const byKey = new Map<string, ResultFacts[]>();
  for (const result of results) {
    const list = byKey.get(result.key);
    if (list) list.push(result);
    else byKey.set(result.key, [result]);
  }
  return [...byKey.entries()]
    .map(([key, rows]) => {
      const newest = rows.reduce((a, b) => (b.version > a.version || (b.version === a.version && b.completed_at > a.completed_at) ? b : a));
      const perMonth = months.map((month) => summarize(month, rows.filter((r) => monthOf(r.completed_at) === month)));
      const total = summarize('', rows);
      return {
        key,
        question: newest.question,
        dataType: newest.data_type,
        recorded: total.recorded,
        met: total.met,
        evaluated: total.evaluated,
        metRate: total.metRate,
        months: perMonth,
        trend: trendOf(perMonth.map((m) => m.metRate)),
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

function summarize(month: string, rows: readonly ResultFacts[]): IndicatorMonth {
  const recorded = rows.filter((r) => r.recorded);
  const evaluated = rows.filter((r) => r.met !== null);
  const met = evaluated.filter((r) => r.met === true).length;
  const numbers = recorded.flatMap((r) => (r.actual_number === null ? [] : [mustUnits(r.actual_number)]));
  const deviations = evaluated.flatMap((r) => (r.deviation === null ? [] : [mustUnits(r.deviation)]));
  return {
    month,
    recorded: recorded.length,
    met,
    evaluated: evaluated.length,
    metRate: percentage(BigInt(met), BigInt(evaluated.length)),
    average: mean(numbers),
    averageDeviation: mean(deviations),
  };
}

function mean(values: readonly bigint[]): string | null {
  if (values.length === 0) return null;
  return fromUnits(divideHalfUp(values.reduce((s, v) => s + v, 0n), BigInt(values.length)));
}
