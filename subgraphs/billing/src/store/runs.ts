import { fetchPage, insertRow, SqlParams, updateRow, type Connection, type PageQuery, type Queryable, type Scope } from '@l2c/shared';
import type { InvoiceRunRow, RunStatus } from './rows.ts';
import { and } from './scope.ts';

export async function runsByIds(db: Queryable, ids: readonly string[], forUpdate = false): Promise<InvoiceRunRow[]> {
  return db.query<InvoiceRunRow>(`select * from invoice_runs where id = any($1)${forUpdate ? ' for update' : ''}`, [ids]);
}

/** Runs are the OEM's jobs, not a dealer's business: a partner's list is empty. */
export async function listRuns(db: Queryable, scope: Scope, filter: { status?: RunStatus[] | null }, page: PageQuery): Promise<Connection<InvoiceRunRow>> {
  const p = new SqlParams();
  const where = and([scope.kind === 'all' ? null : 'false', filter.status?.length ? `r.status = any(${p.add(filter.status)})` : null]);
  return fetchPage<InvoiceRunRow>(db, { columns: 'r.*', from: 'invoice_runs r', where, params: p, sort: { sortExpr: 'r.created_at', sortType: 'timestamptz', idExpr: 'r.id', descending: true } }, page);
}

export async function insertRun(db: Queryable, row: Pick<InvoiceRunRow, 'id' | 'number' | 'target_date' | 'invoice_date' | 'auto_post' | 'trigger' | 'requested_by'>): Promise<InvoiceRunRow> {
  return insertRow<InvoiceRunRow>(db, 'invoice_runs', row);
}

/** The scheduled run of a target date, created if there is none yet (schedulers may fire more than once). */
export async function scheduledRunFor(db: Queryable, row: Pick<InvoiceRunRow, 'id' | 'number' | 'target_date' | 'invoice_date' | 'auto_post'>): Promise<InvoiceRunRow> {
  const [created] = await db.query<InvoiceRunRow>(
    `insert into invoice_runs (id, number, target_date, invoice_date, auto_post, trigger, requested_by) values ($1, $2, $3, $4, $5, 'SCHEDULE', 'schedule')
     on conflict (target_date) where trigger = 'SCHEDULE' do nothing returning *`,
    [row.id, row.number, row.target_date, row.invoice_date, row.auto_post],
  );
  if (created) return created;
  const [existing] = await db.query<InvoiceRunRow>(`select * from invoice_runs where target_date = $1 and trigger = 'SCHEDULE'`, [row.target_date]);
  return existing!;
}

export async function updateRun(db: Queryable, id: string, changes: Partial<InvoiceRunRow>): Promise<InvoiceRunRow | null> {
  return updateRow<InvoiceRunRow>(db, 'invoice_runs', id, changes);
}

/** Adds to a run's counters (in the transaction of the work they count, so progress never runs ahead of it). */
export async function addToRun(db: Queryable, id: string, counts: { lines_invoiced?: number; invoices_created?: number; invoices_posted?: number; total_amount?: string }): Promise<void> {
  await db.query(
    `update invoice_runs set lines_invoiced = lines_invoiced + $2, invoices_created = invoices_created + $3, invoices_posted = invoices_posted + $4, total_amount = total_amount + $5::numeric, updated_at = now() where id = $1`,
    [id, counts.lines_invoiced ?? 0, counts.invoices_created ?? 0, counts.invoices_posted ?? 0, counts.total_amount ?? '0'],
  );
}
