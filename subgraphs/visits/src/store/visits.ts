import { fetchPage, insertRows, SqlParams, updateRow, type Connection, type PageQuery, type Queryable } from '@l2c/shared';
import type { AssessorRow, VisitRow, VisitStatus, VisitTaskRow } from './rows.ts';
import { and, visitScopeSql, type VisitsScope } from './scope.ts';

export interface VisitFilter {
  status?: VisitStatus[] | null;
  dealerId?: string | null;
  assessorId?: string | null;
  templateId?: string | null;
  scheduledFrom?: Date | null;
  scheduledBefore?: Date | null;
  /** Completed visits with at least one indicator that missed its expectation. */
  hasDeviations?: boolean | null;
}

export type VisitSortField = 'SCHEDULED_START' | 'COMPLETED_AT' | 'CREATED_AT' | 'NUMBER';

const SORT: Record<VisitSortField, { expr: string; type: string }> = {
  SCHEDULED_START: { expr: 'v.scheduled_start', type: 'timestamptz' },
  // Visits not completed sort after every completed one.
  COMPLETED_AT: { expr: "coalesce(v.completed_at, 'infinity'::timestamptz)", type: 'timestamptz' },
  CREATED_AT: { expr: 'v.created_at', type: 'timestamptz' },
  NUMBER: { expr: 'v.number', type: 'text' },
};

/** Every visit read joins its version, so `template_id` and `template_version` are always there. */
const COLUMNS = 'v.*, tv.template_id, tv.version as template_version';
const FROM = 'visits v join template_versions tv on tv.id = v.template_version_id';

export async function visitsByIds(db: Queryable, scope: VisitsScope, ids: readonly string[], forUpdate = false): Promise<VisitRow[]> {
  const p = new SqlParams();
  const where = and([`v.id = any(${p.add(ids)})`, visitScopeSql(scope, 'v', p.add)]);
  return db.query<VisitRow>(`select ${COLUMNS} from ${FROM} where ${where.join(' and ')}${forUpdate ? ' for update of v' : ''}`, p.values);
}

export async function listVisits(db: Queryable, scope: VisitsScope, filter: VisitFilter, order: { field: VisitSortField; direction: 'ASC' | 'DESC' }, page: PageQuery): Promise<Connection<VisitRow>> {
  const p = new SqlParams();
  const where = and([
    visitScopeSql(scope, 'v', p.add),
    filter.status?.length ? `v.status = any(${p.add(filter.status)})` : null,
    filter.dealerId ? `v.dealer_id = ${p.add(filter.dealerId)}` : null,
    filter.assessorId ? `exists (select 1 from visit_assessors fa where fa.visit_id = v.id and fa.assessor_id = ${p.add(filter.assessorId)})` : null,
    filter.templateId ? `tv.template_id = ${p.add(filter.templateId)}` : null,
    filter.scheduledFrom ? `v.scheduled_start >= ${p.add(filter.scheduledFrom)}::timestamptz` : null,
    filter.scheduledBefore ? `v.scheduled_start < ${p.add(filter.scheduledBefore)}::timestamptz` : null,
    filter.hasDeviations == null ? null : `${filter.hasDeviations ? '' : 'not '}exists (select 1 from indicator_results dr where dr.visit_id = v.id and dr.met = false)`,
  ]);
  const sort = SORT[order.field];
  return fetchPage<VisitRow>(db, { columns: COLUMNS, from: FROM, where, params: p, sort: { sortExpr: sort.expr, sortType: sort.type, idExpr: 'v.id', descending: order.direction === 'DESC' } }, page);
}

export async function insertVisit(db: Queryable, row: Record<string, unknown>): Promise<void> {
  await insertRows(db, 'visits', [row]);
}

export async function updateVisitRow(db: Queryable, id: string, changes: Record<string, unknown>): Promise<void> {
  await updateRow(db, 'visits', id, changes);
}

/** Assessors of each visit (with the visit's id), by name. */
export async function assessorsByVisitIds(db: Queryable, visitIds: readonly string[]): Promise<(AssessorRow & { visit_id: string })[]> {
  return db.query('select a.*, va.visit_id from visit_assessors va join assessors a on a.id = va.assessor_id where va.visit_id = any($1) order by a.name, a.id', [visitIds]);
}

/** Replaces a visit's assessors; returns whether the set changed. */
export async function setVisitAssessors(db: Queryable, visitId: string, assessorIds: readonly string[]): Promise<boolean> {
  const removed = await db.query('delete from visit_assessors where visit_id = $1 and not (assessor_id = any($2)) returning assessor_id', [visitId, assessorIds]);
  const added = await db.query(
    'insert into visit_assessors (visit_id, assessor_id) select $1, unnest($2::text[]) on conflict do nothing returning assessor_id',
    [visitId, assessorIds],
  );
  return removed.length > 0 || added.length > 0;
}

export async function tasksByVisitIds(db: Queryable, visitIds: readonly string[]): Promise<VisitTaskRow[]> {
  return db.query<VisitTaskRow>('select * from visit_tasks where visit_id = any($1) order by visit_id, position, id', [visitIds]);
}

/** A task and the visit it belongs to, if the caller may see that visit. */
export async function taskInScope(db: Queryable, scope: VisitsScope, taskId: string): Promise<VisitTaskRow | null> {
  const p = new SqlParams();
  const where = and([`t.id = ${p.add(taskId)}`, visitScopeSql(scope, 'v', p.add)]);
  const [row] = await db.query<VisitTaskRow>(`select t.* from visit_tasks t join visits v on v.id = t.visit_id where ${where.join(' and ')}`, p.values);
  return row ?? null;
}

export async function insertVisitTasks(db: Queryable, rows: readonly Record<string, unknown>[]): Promise<void> {
  await insertRows(db, 'visit_tasks', rows);
}

export async function updateVisitTaskRow(db: Queryable, id: string, changes: Partial<VisitTaskRow>): Promise<VisitTaskRow> {
  return (await updateRow<VisitTaskRow>(db, 'visit_tasks', id, changes))!;
}
