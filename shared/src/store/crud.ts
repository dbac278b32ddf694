import type { Queryable } from './store.ts';

/*
 * Small statement builders for plain inserts and updates. Table and column names come from code, never from input;
 * values always travel as parameters.
 */

/** Inserts one row and returns it as stored (defaults filled in). */
export async function insertRow<Row>(db: Queryable, table: string, row: Record<string, unknown>): Promise<Row> {
  const [inserted] = await insertRows<Row>(db, table, [row]);
  return inserted!;
}

/** Inserts rows in one statement (all rows must have the same columns); returns them as stored, in order. */
export async function insertRows<Row>(db: Queryable, table: string, rows: readonly Record<string, unknown>[]): Promise<Row[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((column) => `$${params.push(row[column])}`).join(', ')})`);
  return db.query<Row>(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')} returning *`, params);
}

/** Updates the given columns of the row with `id` and its `updated_at`; returns the row as stored, or null if none. */
export async function updateRow<Row>(db: Queryable, table: string, id: string, changes: Record<string, unknown>): Promise<Row | null> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  sets.push('updated_at = now()');
  const [row] = await db.query<Row>(`update ${table} set ${sets.join(', ')} where id = $1 returning *`, [id, ...entries.map(([, v]) => v)]);
  return row ?? null;
}

/** A case-insensitive substring match over several columns; `%` and `_` in the search are taken literally. */
export function searchCondition(columns: string[], search: string, param: (value: unknown) => string): string {
  const pattern = param(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return `(${columns.map((c) => `${c} ilike ${pattern}`).join(' or ')})`;
}
