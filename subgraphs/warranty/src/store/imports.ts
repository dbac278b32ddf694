import { fetchPage, insertRow, SqlParams, type Connection, type PageQuery, type Queryable, type Scope } from '@l2c/shared';
import type { CsvImportKind, CsvImportRow, CsvImportStatus, CsvRowErrorRow } from './rows.ts';
import { and, dealerOwned } from './scope.ts';

export async function importsByIds(db: Queryable, scope: Scope, ids: readonly string[], forUpdate = false): Promise<CsvImportRow[]> {
  const p = new SqlParams();
  const where = and([`i.id = any(${p.add(ids)})`, dealerOwned(scope, 'i.dealer_id', p.add)]);
  return db.query<CsvImportRow>(`select i.* from csv_imports i where ${where.join(' and ')}${forUpdate ? ' for update' : ''}`, p.values);
}

export async function listImports(db: Queryable, scope: Scope, filter: { kind?: CsvImportKind | null; status?: CsvImportStatus[] | null; dealerId?: string | null }, page: PageQuery): Promise<Connection<CsvImportRow>> {
  const p = new SqlParams();
  const where = and([
    dealerOwned(scope, 'i.dealer_id', p.add),
    filter.kind ? `i.kind = ${p.add(filter.kind)}` : null,
    filter.status?.length ? `i.status = any(${p.add(filter.status)})` : null,
    filter.dealerId ? `i.dealer_id = ${p.add(filter.dealerId)}` : null,
  ]);
  return fetchPage<CsvImportRow>(db, { columns: 'i.*', from: 'csv_imports i', where, params: p, sort: { sortExpr: 'i.created_at', sortType: 'timestamptz', idExpr: 'i.id', descending: true } }, page);
}

export async function insertImport(db: Queryable, row: { id: string; kind: CsvImportKind; dealer_id: string; file_name: string; created_by: string }): Promise<CsvImportRow> {
  return insertRow<CsvImportRow>(db, 'csv_imports', row);
}

/** Sets columns of an import (and `updated_at`). */
export async function updateImport(db: Queryable, id: string, changes: Partial<CsvImportRow>): Promise<void> {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  await db.query(`update csv_imports set ${entries.map(([c], i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() where id = $1`, [id, ...entries.map(([, v]) => v)]);
}

/** Adds to an import's counters and moves its checkpoint, in the batch's transaction. */
export async function advanceImport(db: Queryable, id: string, batch: { processed: number; created: number; updated: number; unchanged: number; rejected: number; checkpointRow: number }): Promise<void> {
  await db.query(
    `update csv_imports set rows_processed = rows_processed + $2, rows_created = rows_created + $3, rows_updated = rows_updated + $4,
       rows_unchanged = rows_unchanged + $5, rows_rejected = rows_rejected + $6, checkpoint_row = $7, updated_at = now() where id = $1`,
    [id, batch.processed, batch.created, batch.updated, batch.unchanged, batch.rejected, batch.checkpointRow],
  );
}

export async function deleteChunks(db: Queryable, importId: string): Promise<void> {
  await db.query('delete from csv_import_chunks where import_id = $1', [importId]);
}

/**
 * Bytes travel as base64 text, decoded and encoded by the database: binary parameters cost PGlite some 30 times more
 * (1.3 s against 45 ms for a megabyte), and the text form is as cheap on a Postgres server.
 */
export async function insertChunk(db: Queryable, importId: string, seq: number, data: Uint8Array): Promise<void> {
  await db.query("insert into csv_import_chunks (import_id, seq, data) values ($1, $2, decode($3, 'base64'))", [importId, seq, Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')]);
}

export async function chunkCount(db: Queryable, importId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from csv_import_chunks where import_id = $1', [importId]);
  return row?.n ?? 0;
}

export async function readChunk(db: Queryable, importId: string, seq: number): Promise<Uint8Array | null> {
  const [row] = await db.query<{ data: string }>("select encode(data, 'base64') as data from csv_import_chunks where import_id = $1 and seq = $2", [importId, seq]);
  return row ? Buffer.from(row.data, 'base64') : null;
}

export async function insertRowErrors(db: Queryable, rows: readonly CsvRowErrorRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const slice = rows.slice(i, i + 1000);
    const params: unknown[] = [];
    const tuples = slice.map((r) => `(${[r.import_id, r.id, r.row_number, r.line, r.column_name, r.value, r.code, r.message, r.external_id].map((v) => `$${params.push(v)}`).join(', ')})`);
    await db.query(`insert into csv_import_errors (import_id, id, row_number, line, column_name, value, code, message, external_id) values ${tuples.join(', ')} on conflict do nothing`, params);
  }
}

export async function listRowErrors(db: Queryable, importId: string, page: PageQuery): Promise<Connection<CsvRowErrorRow>> {
  const p = new SqlParams();
  const where = [`e.import_id = ${p.add(importId)}`];
  return fetchPage<CsvRowErrorRow>(db, { columns: 'e.*', from: 'csv_import_errors e', where, params: p, sort: { sortExpr: 'e.row_number', sortType: 'integer', idExpr: 'e.id', descending: false } }, page);
}
