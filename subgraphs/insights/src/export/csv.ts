import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Queryable, Scope } from '@l2c/shared';
import type { CaseFilter } from '../store/cases.ts';
import { casesWithEvents } from './source.ts';

/** The CSV's columns: the case, the activity and its time, then the case's attributes and the event's own. */
export const CSV_COLUMNS = [
  'case_id', 'activity', 'timestamp', 'event_id', 'qualifier', 'dealer_id', 'sales_rep', 'segment', 'product_family', 'region',
  'stage', 'amount', 'discount_percent', 'is_won', 'event_attributes',
] as const;

/**
 * The flattened log as CSV (RFC 4180, header row): one row per event of each opportunity case, in trace order, cases
 * in the order they entered the log. Streamed: a page of cases is read while the previous one is written.
 */
export async function writeCsv(db: Queryable, scope: Scope, filter: CaseFilter, out: Writable): Promise<void> {
  const csv = stringify({ header: true, columns: [...CSV_COLUMNS] });
  csv.pipe(out);
  const write = (record: Record<string, unknown>) =>
    csv.write(record) ? Promise.resolve() : new Promise<void>((resolve) => csv.once('drain', () => resolve()));
  for await (const { row, events } of casesWithEvents(db, scope, filter)) {
    for (const event of events) {
      await write({
        case_id: row.case_id,
        activity: event.activity,
        timestamp: event.occurred_at.toISOString(),
        event_id: event.id,
        qualifier: event.qualifier ?? '',
        dealer_id: row.dealer_id ?? '',
        sales_rep: row.sales_rep ?? '',
        segment: row.segment ?? '',
        product_family: row.product_family ?? '',
        region: row.region ?? '',
        stage: row.stage ?? '',
        amount: row.amount ?? '',
        discount_percent: row.discount_percent ?? '',
        is_won: row.is_won === null ? '' : String(row.is_won),
        event_attributes: JSON.stringify(event.attributes),
      });
    }
  }
  await new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
    csv.end();
  });
}
