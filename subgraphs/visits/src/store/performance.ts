import { SqlParams, type Queryable } from '@l2c/shared';
import type { CompletedVisitFacts, ResultFacts } from '../domain/performance.ts';
import { and, visitScopeSql, type VisitsScope } from './scope.ts';

export interface PerformanceQuery {
  dealerId: string;
  /** Completed at or after (inclusive). */
  from: Date;
  /** Completed before (exclusive). */
  before: Date;
  templateId?: string | null;
}

/**
 * The completed visits of one dealer in a time range, and their results, as the caller may see them: two
 * statements, whatever the number of visits.
 */
export async function performanceFacts(db: Queryable, scope: VisitsScope, query: PerformanceQuery): Promise<{ visits: CompletedVisitFacts[]; results: ResultFacts[] }> {
  const p = new SqlParams();
  const where = and([
    "v.status = 'COMPLETED'",
    `v.dealer_id = ${p.add(query.dealerId)}`,
    `v.completed_at >= ${p.add(query.from)}::timestamptz`,
    `v.completed_at < ${p.add(query.before)}::timestamptz`,
    query.templateId ? `tv.template_id = ${p.add(query.templateId)}` : null,
    visitScopeSql(scope, 'v', p.add),
  ]).join(' and ');
  const from = 'visits v join template_versions tv on tv.id = v.template_version_id';
  const visits = await db.query<CompletedVisitFacts>(`select v.id, v.completed_at, v.met_count, v.evaluated_count from ${from} where ${where} order by v.completed_at, v.id`, p.values);
  const results = await db.query<ResultFacts>(
    `select r.visit_id, v.completed_at, coalesce(d.key, r.id) as key, coalesce(d.question, '(indicator no longer defined)') as question, r.data_type,
       tv.version, r.met, r.actual_number, r.deviation,
       (r.actual_number is not null or r.actual_boolean is not null or r.actual_text is not null or r.actual_date is not null) as recorded
     from ${from} join indicator_results r on r.visit_id = v.id left join indicator_definitions d on d.id = r.indicator_id
     where ${where}`,
    p.values,
  );
  return { visits, results };
}
