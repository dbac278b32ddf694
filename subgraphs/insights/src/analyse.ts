import type { Queryable, Scope } from '@l2c/shared';
import { runAnalyses, type Analysis } from './domain/analysis.ts';
import { scanCases, type CaseFilter } from './store/cases.ts';
import type { CaseKind } from './store/rows.ts';

/** Opportunities only: the case notion of every analysis but the funnel. */
export const OPPORTUNITIES: readonly CaseKind[] = ['OPPORTUNITY'];
/** Opportunities and leads not converted yet: the funnel's. */
export const ALL_CASES: readonly CaseKind[] = ['OPPORTUNITY', 'LEAD'];

/** Runs one analysis over the cases the caller may see that match the filter (scope and filter applied in SQL). */
export async function analyse<Result>(db: Queryable, scope: Scope, filter: CaseFilter, analysis: Analysis<Result>, kinds: readonly CaseKind[] = OPPORTUNITIES): Promise<Result> {
  await runAnalyses((visit) => scanCases(db, scope, filter, kinds, visit), [analysis]);
  return analysis.result();
}
