import { insertRows, updateRow, type Queryable } from '@l2c/shared';
import type { AssessorRow } from './rows.ts';

export async function assessorsByIds(db: Queryable, ids: readonly string[]): Promise<AssessorRow[]> {
  return db.query<AssessorRow>('select * from assessors where id = any($1)', [ids]);
}

export async function assessorBySubject(db: Queryable, subject: string): Promise<AssessorRow | null> {
  const [row] = await db.query<AssessorRow>('select * from assessors where subject = $1', [subject]);
  return row ?? null;
}

/** Every assessor by name; inactive ones only when asked. */
export async function listAssessors(db: Queryable, includeInactive: boolean): Promise<AssessorRow[]> {
  return db.query<AssessorRow>(`select * from assessors${includeInactive ? '' : ' where is_active'} order by name, id`);
}

export async function insertAssessor(db: Queryable, row: Omit<AssessorRow, 'created_at' | 'updated_at'>): Promise<AssessorRow> {
  const [inserted] = await insertRows<AssessorRow>(db, 'assessors', [{ ...row }]);
  return inserted!;
}

export async function updateAssessorRow(db: Queryable, id: string, changes: Partial<AssessorRow>): Promise<AssessorRow> {
  return (await updateRow<AssessorRow>(db, 'assessors', id, changes))!;
}
