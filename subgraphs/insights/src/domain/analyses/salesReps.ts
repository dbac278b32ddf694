import type { Analysis, CaseView } from '../analysis.ts';
import { DurationGroups, type DurationSummary } from '../durations.ts';
import { fromUnits, meanOf, toUnits } from '../money.ts';
import { violationsOf, type ConformanceSettings } from './conformanceRules.ts';
import { CYCLE_TIMES } from './cycleTimes.ts';

export interface SalesRepResult {
  /** Null: cases with no sales rep in the log. */
  salesRep: string | null;
  cases: number;
  open: number;
  won: number;
  lost: number;
  winRate: number | null;
  /** Exact sum of the won cases' amounts. */
  wonAmount: string;
  averageDiscountPercent: string | null;
  /** Opportunity created to closed. */
  cycleTime: DurationSummary;
  /** Cases breaking at least one conformance rule. */
  casesWithViolations: number;
}

const NONE = '\u0001none';

/** Performance per sales rep: volume, win rate, revenue, discounting, speed and conformance. */
export function salesRepsAnalysis(settings: ConformanceSettings): Analysis<{ salesReps: SalesRepResult[] }> {
  const reps = new Map<string, { cases: number; won: number; lost: number; wonAmount: bigint; discountSum: bigint; discounted: number; violating: number }>();
  const durations = new DurationGroups<string>();
  return {
    visit(c: CaseView, pass: number) {
      if (c.kind !== 'OPPORTUNITY' || c.trace.length === 0) return;
      const key = c.salesRep ?? NONE;
      const ms = CYCLE_TIMES.opportunityToClose(c.trace);
      if (pass > 0) {
        if (ms !== null) durations.refine(key, ms);
        return;
      }
      if (ms !== null) durations.add(key, ms);
      const rep = reps.get(key) ?? { cases: 0, won: 0, lost: 0, wonAmount: 0n, discountSum: 0n, discounted: 0, violating: 0 };
      rep.cases++;
      if (c.isWon === true) {
        rep.won++;
        rep.wonAmount += toUnits(c.amount) ?? 0n;
      } else if (c.isWon === false) rep.lost++;
      const discount = toUnits(c.discountPercent);
      if (discount !== null) {
        rep.discountSum += discount;
        rep.discounted++;
      }
      if (violationsOf(c, settings).length > 0) rep.violating++;
      reps.set(key, rep);
    },
    needsPass: () => durations.planNextPass(),
    result() {
      const salesReps = [...reps.entries()]
        .map(([key, rep]) => ({
          salesRep: key === NONE ? null : key,
          cases: rep.cases,
          open: rep.cases - rep.won - rep.lost,
          won: rep.won,
          lost: rep.lost,
          winRate: rep.won + rep.lost === 0 ? null : rep.won / (rep.won + rep.lost),
          wonAmount: fromUnits(rep.wonAmount),
          averageDiscountPercent: meanOf(rep.discountSum, rep.discounted),
          cycleTime: durations.summary(key),
          casesWithViolations: rep.violating,
        }))
        .sort((a, b) => b.cases - a.cases || (a.salesRep ?? '').localeCompare(b.salesRep ?? ''));
      return { salesReps };
    },
  };
}
