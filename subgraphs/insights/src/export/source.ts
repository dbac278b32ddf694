import { SqlParams, type Queryable, type Scope } from '@l2c/shared';
import { caseConditions, casePage, type CaseFilter } from '../store/cases.ts';
import { caseEvents, type EventView } from '../store/events.ts';
import type { CaseRow } from '../store/rows.ts';

const CASE_PAGE = 500;

/** The filtered, scoped cases with their events in trace order, a page at a time: what the CSV and XES exports write. */
export async function* casesWithEvents(db: Queryable, scope: Scope, filter: CaseFilter): AsyncGenerator<{ row: CaseRow; events: EventView[] }> {
  let after = -1;
  for (;;) {
    const page = await casePage(db, scope, filter, ['OPPORTUNITY'], after, CASE_PAGE);
    if (page.length === 0) return;
    const events = await caseEvents(db, page.map((row) => row.case_id));
    const byCase = new Map<string, EventView[]>();
    for (const event of events) byCase.set(event.case_id, [...(byCase.get(event.case_id) ?? []), event]);
    for (const row of page) yield { row, events: byCase.get(row.case_id) ?? [] };
    if (page.length < CASE_PAGE) return;
    after = page.at(-1)!.case_no;
  }
}

/**
 * The SQL condition that keeps an object (or an event, through its objects) within the export: it belongs to a case
 * the caller may see that matches the filter. None for an unfiltered export by the OEM's own people: everything,
 * objects not in any case yet included.
 */
export function withinExport(scope: Scope, filter: CaseFilter, params: SqlParams, objectColumn: string): string {
  const unfiltered = scope.kind === 'all' && !filter.from && !filter.to && ![filter.dealerIds, filter.salesReps, filter.productFamilies, filter.segments, filter.regions].some((v) => v?.length);
  if (unfiltered) return 'true';
  const conditions = caseConditions(scope, filter, ['OPPORTUNITY', 'LEAD'], params);
  return `exists (select 1 from log_object_cases oc join process_cases c on c.case_id = oc.case_id left join dealer_regions r on r.dealer_id = c.dealer_id
                   where oc.object_id = ${objectColumn} and ${conditions.join(' and ')})`;
}
