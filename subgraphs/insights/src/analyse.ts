import type { Queryable, Scope, Store } from '@l2c/shared';
import { runAnalyses, type Analysis } from './domain/analysis.ts';
import type { Report } from './reports.ts';
import { scanCases, type CaseFilter } from './store/cases.ts';
import type { CaseKind } from './store/rows.ts';
import { logPosition } from './store/status.ts';

/** Opportunities only: the case notion of every analysis but the funnel. */
export const OPPORTUNITIES: readonly CaseKind[] = ['OPPORTUNITY'];
/** Opportunities and leads not converted yet: the funnel's. */
export const ALL_CASES: readonly CaseKind[] = ['OPPORTUNITY', 'LEAD'];

/** Runs one analysis over the cases the caller may see that match the filter (scope and filter applied in SQL). */
export async function analyse<Result>(db: Queryable, scope: Scope, filter: CaseFilter, analysis: Analysis<Result>, kinds: readonly CaseKind[] = OPPORTUNITIES): Promise<Result> {
  await runAnalyses((visit) => scanCases(db, scope, filter, kinds, visit), [analysis]);
  return analysis.result();
}

/**
 * Runs an analysis on one snapshot of the log and tags the answer with the log's position in that snapshot: a client
 * polling with the same `asOf` gets the same figures, and figures never mix two states of the log.
 */
export async function report<Result extends object>(store: Store, scope: Scope, filter: CaseFilter, analysis: Analysis<Result>, kinds: readonly CaseKind[] = OPPORTUNITIES): Promise<Report<Result>> {
  return store.transaction(async (tx) => {
    if (store.driver === 'postgres') await tx.query('set transaction isolation level repeatable read, read only');
    const asOf = await logPosition(tx, scope);
    const result = await analyse(tx, scope, filter, analysis, kinds);
    return { ...result, asOf };
  });
}
