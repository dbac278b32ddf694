import { A, CASH_ACTIVITIES } from '../activities.ts';
import type { Analysis, CaseView } from '../analysis.ts';
import { DurationGroups, type DurationSummary } from '../durations.ts';
import type { TraceEntry } from '../trace.ts';
import { dimensionValue, type Dimension } from './dimensions.ts';

/** The cycle times measured, each from one milestone of a case to another. */
export const CYCLE_TIMES = {
  /** First Lead Created to Closed Won: won cases that began as a lead. */
  leadToWon: (trace: TraceEntry[]) => span(first(trace, A.LeadCreated), first(trace, A.ClosedWon)),
  /** Opportunity Created to Closed Won or Closed Lost. */
  opportunityToClose: (trace: TraceEntry[]) => span(first(trace, A.OpportunityCreated), first(trace, A.ClosedWon) ?? first(trace, A.ClosedLost)),
  /** First Quote Created to first Order Created. */
  quoteToOrder: (trace: TraceEntry[]) => span(first(trace, A.QuoteCreated), first(trace, A.OrderCreated)),
  /** First Order Created to the last payment received or allocated: when the case's cash was in. */
  orderToCash: (trace: TraceEntry[]) => span(first(trace, A.OrderCreated), lastOf(trace, CASH_ACTIVITIES)),
} as const;
export type CycleTime = keyof typeof CYCLE_TIMES;
const NAMES = Object.keys(CYCLE_TIMES) as CycleTime[];

export interface CycleTimeGroupResult {
  /** The dimension's value; null for cases where it is unknown. */
  key: string | null;
  cases: number;
  times: Record<CycleTime, DurationSummary>;
}

export interface CycleTimesResult {
  dimension: Dimension;
  overall: CycleTimeGroupResult;
  /** By number of cases, most first. */
  groups: CycleTimeGroupResult[];
}

const ALL = '\u0001all';
const NONE = '\u0001none';

/** Cycle times per segment (or dealer, sales rep, product family, region), with exact mean, median and p90. */
export function cycleTimesAnalysis(dimension: Dimension): Analysis<CycleTimesResult> {
  const durations = new DurationGroups<string>();
  const cases = new Map<string, number>();
  return {
    visit(c: CaseView, pass: number) {
      if (c.trace.length === 0) return;
      const group = dimensionValue(c, dimension) ?? NONE;
      if (pass === 0) {
        cases.set(group, (cases.get(group) ?? 0) + 1);
        cases.set(ALL, (cases.get(ALL) ?? 0) + 1);
      }
      for (const name of NAMES) {
        const ms = CYCLE_TIMES[name](c.trace);
        if (ms === null) continue;
        for (const key of [`${name}\n${group}`, `${name}\n${ALL}`]) {
          if (pass === 0) durations.add(key, ms);
          else durations.refine(key, ms);
        }
      }
    },
    needsPass: () => durations.planNextPass(),
    result() {
      const groupOf = (key: string): CycleTimeGroupResult => ({
        key: key === NONE ? null : key,
        cases: cases.get(key) ?? 0,
        times: Object.fromEntries(NAMES.map((name) => [name, durations.summary(`${name}\n${key}`)])) as Record<CycleTime, DurationSummary>,
      });
      return {
        dimension,
        overall: { ...groupOf(ALL), key: null },
        groups: [...cases.keys()]
          .filter((key) => key !== ALL)
          .sort((a, b) => (cases.get(b) ?? 0) - (cases.get(a) ?? 0) || a.localeCompare(b))
          .map(groupOf),
      };
    },
  };
}

function first(trace: TraceEntry[], code: number): number | null {
  for (const entry of trace) if (entry[0] === code) return entry[1];
  return null;
}

function lastOf(trace: TraceEntry[], codes: ReadonlySet<number>): number | null {
  for (let i = trace.length - 1; i >= 0; i--) if (codes.has(trace[i]![0])) return trace[i]![1];
  return null;
}

/** The time from start to end; null when either is missing or the end came first (a conformance matter, not a cycle). */
function span(start: number | null, end: number | null): number | null {
  return start === null || end === null || end < start ? null : end - start;
}
