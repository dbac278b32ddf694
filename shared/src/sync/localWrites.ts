/**
 * Writes to a mirrored table on behalf of the sync, in batches, isolating the rows the store refuses (a check or
 * foreign key the Salesforce data breaks) with savepoints so one bad record never fails the page.
 */
import type { Queryable } from '../store/store.ts';
import type { CompiledMapping } from './compile.ts';
import { ident } from './store/links.ts';

export interface RowWrite {
  localId: string;
  columns: Record<string, unknown>;
}

export interface RefusedWrite {
  localId: string;
  code: string;
  message: string;
  /** Salesforce fields whose columns the store's error names. */
  fields: string[];
}

/**
 * Inserts rows (same columns each), thousands per statement: one array parameter per column (`unnest`), which both
 * drivers bind and Postgres parses far faster than one parameter per value. Returns the rows the store refused.
 */
export async function insertLocalRows(tx: Queryable, mapping: CompiledMapping, rows: readonly RowWrite[]): Promise<RefusedWrite[]> {
  if (rows.length === 0) return [];
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row.columns)))];
  const all = [mapping.key, ...columns.filter((c) => c !== mapping.key)];
  const types = all.map((c) => mapping.columnTypes.get(c));
  const arrays = types.every((t) => t && !t.startsWith('_'));
  const statement = (chunk: readonly RowWrite[]) => {
    const cell = (row: RowWrite, c: string) => (c === mapping.key ? row.localId : (row.columns[c] ?? null));
    if (arrays) {
      const params = all.map((c) => chunk.map((row) => cell(row, c)));
      return tx.query(`insert into ${ident(mapping.table)} (${all.map(ident).join(', ')}) select * from unnest(${all.map((_, i) => `$${i + 1}::${types[i]}[]`).join(', ')})`, params);
    }
    const params: unknown[] = [];
    const tuples = chunk.map((row) => `(${all.map((c) => `$${params.push(cell(row, c))}`).join(', ')})`);
    return tx.query(`insert into ${ident(mapping.table)} (${all.map(ident).join(', ')}) values ${tuples.join(', ')}`, params);
  };
  const perStatement = arrays ? 5_000 : Math.max(1, Math.floor(30_000 / all.length));
  return isolated(tx, mapping, rows, async (batch) => {
    for (let start = 0; start < batch.length; start += perStatement) await statement(batch.slice(start, start + perStatement));
  }, async (row) => {
    await statement([row]);
  });
}

/** Updates the given columns of each row (and the mapping's touch column); returns the rows the store refused. */
export async function updateLocalRows(tx: Queryable, mapping: CompiledMapping, rows: readonly RowWrite[]): Promise<RefusedWrite[]> {
  const one = async (row: RowWrite) => {
    const entries = Object.entries(row.columns);
    const sets = entries.map(([column], i) => `${ident(column)} = $${i + 2}`);
    if (mapping.mapping.touchColumn) sets.push(`${ident(mapping.mapping.touchColumn)} = now()`);
    if (sets.length === 0) return;
    await tx.query(`update ${ident(mapping.table)} set ${sets.join(', ')} where ${ident(mapping.key)} = $1`, [row.localId, ...entries.map(([, v]) => v)]);
  };
  return isolated(tx, mapping, rows, async (batch) => {
    for (const row of batch) await one(row);
  }, one);
}

/** Deletes rows by local id; returns the rows the store refused (e.g. still referenced by a local-only row). */
export async function deleteLocalRows(tx: Queryable, mapping: CompiledMapping, localIds: readonly string[]): Promise<RefusedWrite[]> {
  const rows = localIds.map((localId) => ({ localId, columns: {} }));
  return isolated(tx, mapping, rows, async (batch) => {
    await tx.query(`delete from ${ident(mapping.table)} where ${ident(mapping.key)} = any($1)`, [batch.map((r) => r.localId)]);
  }, async (row) => {
    await tx.query(`delete from ${ident(mapping.table)} where ${ident(mapping.key)} = $1`, [row.localId]);
  });
}

/** Reads rows by local id (locked for the rest of the transaction). */
export async function readLocalRows(tx: Queryable, mapping: CompiledMapping, localIds: readonly string[], lock: boolean): Promise<Map<string, Record<string, unknown>>> {
  if (localIds.length === 0) return new Map();
  const rows = await tx.query<Record<string, unknown>>(`select * from ${ident(mapping.table)} where ${ident(mapping.key)} = any($1)${lock ? ' for update' : ''}`, [localIds]);
  return new Map(rows.map((row) => [String(row[mapping.key]), row]));
}

async function isolated(tx: Queryable, mapping: CompiledMapping, rows: readonly RowWrite[], all: (rows: readonly RowWrite[]) => Promise<void>, one: (row: RowWrite) => Promise<void>): Promise<RefusedWrite[]> {
  if (rows.length === 0) return [];
  await tx.query('savepoint sync_batch');
  try {
    await all(rows);
    await tx.query('release savepoint sync_batch');
    return [];
  } catch {
    await tx.query('rollback to savepoint sync_batch');
  }
  const refused: RefusedWrite[] = [];
  for (const row of rows) {
    await tx.query('savepoint sync_row');
    try {
      await one(row);
      await tx.query('release savepoint sync_row');
    } catch (error) {
      await tx.query('rollback to savepoint sync_row');
      refused.push(await refusal(tx, mapping, row.localId, error));
    }
  }
  return refused;
}

/** What the store said, with the mapped fields its error concerns (a check constraint is read to find its columns). */
async function refusal(tx: Queryable, mapping: CompiledMapping, localId: string, error: unknown): Promise<RefusedWrite> {
  const e = error as Error & { code?: string; column?: string; constraint?: string; detail?: string };
  let text = `${e.column ?? ''} ${e.constraint ?? ''} ${e.detail ?? ''} ${e.message}`;
  if (e.code === '23514' && e.constraint) {
    const [definition] = await tx.query<{ def: string }>('select pg_get_constraintdef(oid) as def from pg_constraint where conname = $1 limit 1', [e.constraint]);
    text += ` ${definition?.def ?? ''}`;
  }
  const fields = mapping.fields.filter((f) => f.column === e.column || new RegExp(`\\b${f.column}\\b`).test(text)).map((f) => f.sf);
  return { localId, code: `LOCAL_${e.code ?? 'ERROR'}`, message: `the store refused the record: ${e.message}${e.detail ? ` (${e.detail})` : ''}`, fields: [...new Set(fields)] };
}
