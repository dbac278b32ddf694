import { insertRows, type Queryable } from '@l2c/shared';
import type { IndicatorResultRow } from './rows.ts';

/*
 * Indicator results are reached only through a visit the caller may see (its loader or a command that read the
 * visit in scope), so these statements take visit ids, not a scope.
 */

/** What each result's definition says, joined; a result whose definition is gone keeps its own facts. */
const COLUMNS = `r.*, coalesce(d.key, r.id) as key, coalesce(d.question, '(indicator no longer defined)') as question, d.unit,
  coalesce(d.position, 0) as position, coalesce(t.position, 0) as task_position`;
const FROM = 'indicator_results r left join indicator_definitions d on d.id = r.indicator_id left join visit_tasks t on t.id = r.visit_task_id';

/** Results of the visits, in the order of their tasks and, within a task, of the template. */
export async function resultsByVisitIds(db: Queryable, visitIds: readonly string[]): Promise<IndicatorResultRow[]> {
  return db.query<IndicatorResultRow>(`select ${COLUMNS} from ${FROM} where r.visit_id = any($1) order by r.visit_id, task_position, position, r.id`, [visitIds]);
}

export async function resultsByIds(db: Queryable, ids: readonly string[]): Promise<IndicatorResultRow[]> {
  return db.query<IndicatorResultRow>(`select ${COLUMNS} from ${FROM} where r.id = any($1)`, [ids]);
}

export async function insertResults(db: Queryable, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await insertRows(db, 'indicator_results', rows.slice(i, i + 200));
}

/** Sets the given columns of each result, in one statement per result. */
export async function updateResults(db: Queryable, changes: readonly { id: string; columns: Record<string, unknown> }[]): Promise<void> {
  for (const { id, columns } of changes) {
    const entries = Object.entries(columns);
    if (entries.length === 0) continue;
    const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
    await db.query(`update indicator_results set ${sets.join(', ')}, updated_at = now() where id = $1`, [id, ...entries.map(([, value]) => value)]);
  }
}
