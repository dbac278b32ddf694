import type { TraceEntry } from './trace.ts';

/** One case as the analyses read it: its attributes and its trace. */
export interface CaseView {
  caseId: string;
  kind: 'OPPORTUNITY' | 'LEAD';
  dealerId: string | null;
  salesRep: string | null;
  segment: string | null;
  productFamily: string | null;
  region: string | null;
  stage: string | null;
  /** Exact decimals. */
  amount: string | null;
  listAmount: string | null;
  discountPercent: string | null;
  isWon: boolean | null;
  trace: TraceEntry[];
}

/**
 * An analysis reads the log case by case, in one or more passes (a second pass pins exact percentiles), with memory
 * that depends on what it reports (edges, variants, segments), not on how many cases it reads.
 */
export interface Analysis<Result> {
  /** Reads one case; `pass` counts from 0. */
  visit(c: CaseView, pass: number): void;
  /** After pass `pass`: whether the analysis needs another one. */
  needsPass(pass: number): boolean;
  result(): Result;
}

/** Where cases come from: the store (filtered and scoped in SQL), or a list in tests. */
export type CaseScan = (visit: (c: CaseView) => void) => Promise<void>;

/** Runs analyses together, one scan per pass for all of them, until none needs another pass. */
export async function runAnalyses(scan: CaseScan, analyses: readonly Analysis<unknown>[]): Promise<void> {
  let active = [...analyses];
  for (let pass = 0; active.length > 0; pass++) {
    await scan((c) => {
      for (const analysis of active) analysis.visit(c, pass);
    });
    active = active.filter((analysis) => analysis.needsPass(pass));
  }
}

/** A scan over cases held in memory. */
export function scanOf(cases: readonly CaseView[]): CaseScan {
  return async (visit) => {
    for (const c of cases) visit(c);
  };
}

/** Seconds from milliseconds, for answers (durations are kept in whole milliseconds). */
export const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
