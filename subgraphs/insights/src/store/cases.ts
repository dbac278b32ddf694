import { SqlParams, type Queryable, type Scope } from '@l2c/shared';
import type { CaseView } from '../domain/analysis.ts';
import { decodeTrace, encodeTrace } from '../domain/trace.ts';
import type { CaseKind, CaseRow } from './rows.ts';

/** What every analysis and list can be narrowed to. All optional; several values of one filter are alternatives. */
export interface CaseFilter {
  /** Cases whose first event is at or after this instant. */
  from?: Date | null;
  /** Cases whose first event is before this instant. */
  to?: Date | null;
  dealerIds?: readonly string[] | null;
  salesReps?: readonly string[] | null;
  productFamilies?: readonly string[] | null;
  segments?: readonly string[] | null;
  regions?: readonly string[] | null;
}

const COLUMNS = `c.case_no, c.case_id, c.kind, c.dealer_id, c.sales_rep, c.segment, c.product_family, r.region, c.stage, c.amount,
  c.list_amount, c.discount_percent, c.is_won, c.started_at, c.ended_at, c.event_count, c.trace, c.facts`;
const FROM = 'process_cases c left join dealer_regions r on r.dealer_id = c.dealer_id';
/** What the analyses read: no more, since every case is read once per pass. */
const SCAN_COLUMNS = 'c.case_no, c.case_id, r.region, c.scan_attributes, c.trace';

const SEPARATOR = '\u001f';
const SCANNED = ['kind', 'dealer_id', 'sales_rep', 'segment', 'product_family', 'stage', 'amount', 'list_amount', 'discount_percent', 'is_won'] as const;

/** The attributes analyses read, as one text (empty for null; none of them is meaningfully empty). */
export function scanAttributes(row: Pick<CaseWrite, (typeof SCANNED)[number]>): string {
  return SCANNED.map((name) => {
    const value = row[name];
    return value === null ? '' : String(value).replace(/\u001f/g, ' ');
  }).join(SEPARATOR);
}

function fromScan(row: { case_id: string; region: string | null; scan_attributes: string; trace: string }): CaseView {
  const [kind, dealer, rep, segment, family, stage, amount, list, discount, won] = row.scan_attributes.split(SEPARATOR) as string[];
  const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);
  return {
    caseId: row.case_id,
    kind: kind as CaseView['kind'],
    dealerId: orNull(dealer),
    salesRep: orNull(rep),
    segment: orNull(segment),
    productFamily: orNull(family),
    region: row.region,
    stage: orNull(stage),
    amount: orNull(amount),
    listAmount: orNull(list),
    discountPercent: orNull(discount),
    isWon: won === '' ? null : won === 'true',
    trace: decodeTrace(row.trace),
  };
}

type StoredCase = Omit<CaseRow, 'trace'> & { trace: string };

/** Rows with their traces decoded. */
function decoded(rows: StoredCase[]): CaseRow[] {
  return rows.map((row) => ({ ...row, trace: decodeTrace(row.trace) }));
}

/** The where clause of a scoped, filtered case query: a partner's scope is enforced here, in SQL. */
export function caseConditions(scope: Scope, filter: CaseFilter, kinds: readonly CaseKind[], params: SqlParams): string[] {
  const where = [`c.kind = any(${params.add(kinds)})`];
  if (scope.kind === 'dealer') where.push(`c.dealer_id = ${params.add(scope.dealerAccountId)}`);
  if (filter.from) where.push(`c.started_at >= ${params.add(filter.from)}`);
  if (filter.to) where.push(`c.started_at < ${params.add(filter.to)}`);
  const within = (column: string, values: readonly string[] | null | undefined) => {
    if (values && values.length > 0) where.push(`${column} = any(${params.add(values)})`);
  };
  within('c.dealer_id', filter.dealerIds);
  within('c.sales_rep', filter.salesReps);
  within('c.product_family', filter.productFamilies);
  within('c.segment', filter.segments);
  within('r.region', filter.regions);
  return where;
}

/**
 * Reads every case the caller may see that matches the filter, a page at a time in case order, so memory stays flat
 * however large the log is. `kinds`: opportunities only, unless an analysis reads unconverted leads too (the funnel).
 */
export async function scanCases(db: Queryable, scope: Scope, filter: CaseFilter, kinds: readonly CaseKind[], visit: (c: CaseView) => void, pageSize = 2000): Promise<void> {
  let after = -1;
  for (;;) {
    const params = new SqlParams();
    const where = caseConditions(scope, filter, kinds, params);
    where.push(`c.case_no > ${params.add(after)}`);
    const rows = await db.query<{ case_no: number; case_id: string; region: string | null; scan_attributes: string; trace: string }>(
      `select ${SCAN_COLUMNS} from ${FROM} where ${where.join(' and ')} order by c.case_no limit ${params.add(pageSize)}`,
      params.values,
    );
    for (const row of rows) visit(fromScan(row));
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.case_no;
  }
}

/** Cases by id, within the caller's scope. */
export async function casesByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  const params = new SqlParams();
  const where = caseConditions(scope, {}, ['OPPORTUNITY', 'LEAD'], params);
  where.push(`c.case_id = any(${params.add(ids)})`);
  return decoded(await db.query<StoredCase>(`select ${COLUMNS} from ${FROM} where ${where.join(' and ')}`, params.values));
}

/** A page of cases in case order (keyset on case_no), for lists and exports. */
export async function casePage(db: Queryable, scope: Scope, filter: CaseFilter, kinds: readonly CaseKind[], after: number, limit: number): Promise<CaseRow[]> {
  const params = new SqlParams();
  const where = caseConditions(scope, filter, kinds, params);
  where.push(`c.case_no > ${params.add(after)}`);
  return decoded(await db.query<StoredCase>(`select ${COLUMNS} from ${FROM} where ${where.join(' and ')} order by c.case_no limit ${params.add(limit)}`, params.values));
}

export async function countCases(db: Queryable, scope: Scope, filter: CaseFilter, kinds: readonly CaseKind[]): Promise<number> {
  const params = new SqlParams();
  const where = caseConditions(scope, filter, kinds, params);
  const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${FROM} where ${where.join(' and ')}`, params.values);
  return row?.n ?? 0;
}

/** What the ingest writes for a case. */
export interface CaseWrite {
  case_id: string;
  kind: CaseKind;
  dealer_id: string | null;
  sales_rep: string | null;
  segment: string | null;
  product_family: string | null;
  stage: string | null;
  amount: string | null;
  list_amount: string | null;
  discount_percent: string | null;
  is_won: boolean | null;
  started_at: string;
  ended_at: string;
  event_count: number;
  trace: CaseRow['trace'];
  facts: CaseRow['facts'];
}

/** The stored rows of cases about to be merged into (no scope: the ingest sees everything). */
export async function caseRowsForUpdate(tx: Queryable, ids: readonly string[]): Promise<Map<string, CaseRow>> {
  if (ids.length === 0) return new Map();
  const rows = decoded(await tx.query<StoredCase>(`select ${COLUMNS} from ${FROM} where c.case_id = any($1) for update of c`, [ids]));
  return new Map(rows.map((row) => [row.case_id, row]));
}

export async function upsertCases(tx: Queryable, rows: readonly CaseWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `insert into process_cases (case_id, kind, dealer_id, sales_rep, segment, product_family, stage, amount, list_amount, discount_percent, is_won,
                                started_at, ended_at, event_count, trace, scan_attributes, facts)
     select case_id, kind, dealer_id, sales_rep, segment, product_family, stage, amount, list_amount, discount_percent, is_won,
            started_at, ended_at, event_count, trace, scan_attributes, facts
       from jsonb_to_recordset($1::jsonb) as x(case_id text, kind text, dealer_id text, sales_rep text, segment text, product_family text, stage text,
                                              amount text, list_amount text, discount_percent text, is_won boolean,
                                              started_at timestamptz, ended_at timestamptz, event_count integer, trace text, scan_attributes text, facts jsonb)
     on conflict (case_id) do update set kind = excluded.kind, dealer_id = excluded.dealer_id, sales_rep = excluded.sales_rep, segment = excluded.segment,
       product_family = excluded.product_family, stage = excluded.stage, amount = excluded.amount, list_amount = excluded.list_amount,
       discount_percent = excluded.discount_percent, is_won = excluded.is_won, started_at = excluded.started_at, ended_at = excluded.ended_at,
       event_count = excluded.event_count, trace = excluded.trace, scan_attributes = excluded.scan_attributes, facts = excluded.facts, updated_at = now()`,
    [JSON.stringify(rows.map((row) => ({ ...row, trace: encodeTrace(row.trace), scan_attributes: scanAttributes(row) })))],
  );
}

export async function deleteCases(tx: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length) await tx.query('delete from process_cases where case_id = any($1)', [ids]);
}
