import { fetchPage, insertRows, searchCondition, SqlParams, updateRow, type Connection, type PageQuery, type Queryable } from '@l2c/shared';
import type { TaskContent } from '../domain/templateContent.ts';
import type { IndicatorDefinitionRow, TemplateRow, TemplateTaskRow, TemplateVersionRow } from './rows.ts';

/*
 * Templates are the OEM's assessment standards, not any dealer's business: every caller may read them (a dealer sees
 * what it is assessed against); only staff change them, which the commands check.
 */

export async function templatesByIds(db: Queryable, ids: readonly string[], forUpdate = false): Promise<TemplateRow[]> {
  return db.query<TemplateRow>(`select * from action_plan_templates where id = any($1)${forUpdate ? ' for update' : ''}`, [ids]);
}

export async function templateByUniqueName(db: Queryable, uniqueName: string): Promise<TemplateRow | null> {
  const [row] = await db.query<TemplateRow>('select * from action_plan_templates where lower(unique_name) = lower($1)', [uniqueName]);
  return row ?? null;
}

export async function listTemplates(db: Queryable, filter: { search?: string | null }, page: PageQuery): Promise<Connection<TemplateRow>> {
  const p = new SqlParams();
  const where = filter.search ? [searchCondition(['t.name', 't.unique_name', "coalesce(t.description, '')"], filter.search, p.add)] : [];
  return fetchPage<TemplateRow>(db, { columns: 't.*', from: 'action_plan_templates t', where, params: p, sort: { sortExpr: 't.name', sortType: 'text', idExpr: 't.id', descending: false } }, page);
}

export async function insertTemplate(db: Queryable, row: Omit<TemplateRow, 'created_at' | 'updated_at' | 'action_plan_type' | 'target_entity_type'>): Promise<TemplateRow> {
  const [inserted] = await insertRows<TemplateRow>(db, 'action_plan_templates', [{ ...row }]);
  return inserted!;
}

export async function updateTemplateRow(db: Queryable, id: string, changes: Partial<TemplateRow>): Promise<TemplateRow> {
  return (await updateRow<TemplateRow>(db, 'action_plan_templates', id, changes))!;
}

export async function versionsByIds(db: Queryable, ids: readonly string[], forUpdate = false): Promise<TemplateVersionRow[]> {
  return db.query<TemplateVersionRow>(`select * from template_versions where id = any($1)${forUpdate ? ' for update' : ''}`, [ids]);
}

/** Every version of the templates, newest first. */
export async function versionsByTemplateIds(db: Queryable, templateIds: readonly string[]): Promise<TemplateVersionRow[]> {
  return db.query<TemplateVersionRow>('select * from template_versions where template_id = any($1) order by template_id, version desc', [templateIds]);
}

export async function insertVersion(db: Queryable, row: Omit<TemplateVersionRow, 'created_at' | 'updated_at' | 'published_at' | 'obsoleted_at' | 'status'>): Promise<TemplateVersionRow> {
  const [inserted] = await insertRows<TemplateVersionRow>(db, 'template_versions', [{ ...row }]);
  return inserted!;
}

export async function updateVersionRow(db: Queryable, id: string, changes: Partial<TemplateVersionRow>): Promise<TemplateVersionRow> {
  return (await updateRow<TemplateVersionRow>(db, 'template_versions', id, changes))!;
}

export async function nextVersionNumber(db: Queryable, templateId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('select coalesce(max(version), 0)::int + 1 as n from template_versions where template_id = $1', [templateId]);
  return row!.n;
}

export async function tasksByVersionIds(db: Queryable, versionIds: readonly string[]): Promise<TemplateTaskRow[]> {
  return db.query<TemplateTaskRow>('select * from template_tasks where version_id = any($1) order by version_id, position', [versionIds]);
}

export async function indicatorsByVersionIds(db: Queryable, versionIds: readonly string[]): Promise<IndicatorDefinitionRow[]> {
  return db.query<IndicatorDefinitionRow>(
    'select d.* from indicator_definitions d join template_tasks t on t.id = d.task_id where d.version_id = any($1) order by d.version_id, t.position, d.position',
    [versionIds],
  );
}

export async function indicatorsByIds(db: Queryable, ids: readonly string[]): Promise<IndicatorDefinitionRow[]> {
  return db.query<IndicatorDefinitionRow>('select * from indicator_definitions where id = any($1)', [ids]);
}

/** Writes a version's tasks and indicators with fresh ids, in their order. */
export async function insertContent(db: Queryable, versionId: string, content: readonly TaskContent[], newId: () => string): Promise<void> {
  const tasks = content.map(({ indicators: _, ...task }) => ({ id: newId(), version_id: versionId, ...task }));
  await insertRows(db, 'template_tasks', tasks);
  const indicators = content.flatMap((task, t) => task.indicators.map((indicator) => ({ id: newId(), version_id: versionId, task_id: tasks[t]!.id, ...indicator })));
  // One statement per 500 rows keeps the bind parameters well under Postgres's limit.
  for (let i = 0; i < indicators.length; i += 500) await insertRows(db, 'indicator_definitions', indicators.slice(i, i + 500));
}

/** Removes a draft's tasks and indicators before its content is replaced. */
export async function deleteContent(db: Queryable, versionId: string): Promise<void> {
  await db.query('delete from indicator_definitions where version_id = $1', [versionId]);
  await db.query('delete from template_tasks where version_id = $1', [versionId]);
}
