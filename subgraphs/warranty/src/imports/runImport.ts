import { isoDate, type Logger, type Store } from '@l2c/shared';
import { columnsOf } from '../domain/csv/columns.ts';
import { readHeader, type FileProblem, type HeaderMap } from '../domain/csv/header.ts';
import { entity, recordWarrantyEvents, WarrantyEventType } from '../events.ts';
import type { DealerDirectory } from '../intake/dealerDirectory.ts';
import { chunkCount, deleteChunks, importsByIds, readChunk, updateImport } from '../store/imports.ts';
import { listPrograms } from '../store/programs.ts';
import type { CsvImportRow } from '../store/rows.ts';
import { applyBatch, type BatchRow, type ImportMemory } from './applyBatch.ts';
import { csvRecords, decodeUtf8, FileProblemError, type CsvRecord } from './fileReading.ts';

/**
 * An import job, start to end, from the file in the store:
 *
 * 1. CHECKING: the whole file is read once: encoding, header, CSV syntax, row count. A file refused here is FAILED
 *    with the reason, and nothing of it is saved.
 * 2. IMPORTING: the file is read again, in batches; each batch commits its reports, its row errors and the import's
 *    progress together, so a worker that dies resumes after the last committed row, and nothing is saved twice.
 * 3. COMPLETED (or FAILED), with an event to the dealer; the file's bytes are dropped.
 */

export interface ImportDeps {
  store: Store;
  dealers: DealerDirectory;
  logger: Logger;
  /** Rows per batch (one transaction each). Default 2000. */
  batchSize?: number;
  /** Most data rows a file may have. Default 500,000. */
  maxRows?: number;
  now?: () => Date;
}

const everything = { kind: 'all' } as const;

/** Runs (or resumes) the import; returns how it ended, or null when there is nothing to do. */
export async function runImport(deps: ImportDeps, importId: string): Promise<'COMPLETED' | 'FAILED' | null> {
  const { store } = deps;
  const [imp] = await importsByIds(store, everything, [importId]);
  if (!imp || !['QUEUED', 'CHECKING', 'IMPORTING'].includes(imp.status)) return null;
  const now = () => deps.now?.() ?? new Date();
  await updateImport(store, imp.id, { status: 'CHECKING', started_at: imp.started_at ?? now() });
  let checked: { header: HeaderMap; rowsTotal: number };
  try {
    checked = await check(deps, imp);
  } catch (error) {
    if (error instanceof FileProblemError) return fail(deps, imp, error.problem);
    throw error;
  }
  await updateImport(store, imp.id, { status: 'IMPORTING', rows_total: checked.rowsTotal });
  await importRows(deps, { ...imp, status: 'IMPORTING' }, checked.header, now);
  return finish(deps, imp.id);
}

async function check(deps: ImportDeps, imp: CsvImportRow): Promise<{ header: HeaderMap; rowsTotal: number }> {
  const maxRows = deps.maxRows ?? 500_000;
  let header: HeaderMap | null = null;
  let rows = 0;
  for await (const run of records(deps.store, imp.id)) {
    for (const record of run) {
      if (!header) {
        const read = readHeader(columnsOf(imp.kind), record.cells);
        if ('problem' in read) throw new FileProblemError(read.problem);
        header = read.header;
        continue;
      }
      if (++rows > maxRows) throw new FileProblemError({ code: 'TOO_MANY_ROWS', message: `the file has more than ${maxRows.toLocaleString('en-US')} rows; split it into several files`, line: record.line });
    }
  }
  if (!header) throw new FileProblemError({ code: 'EMPTY_FILE', message: 'the file is empty: it needs a header line and at least one row', line: null });
  if (rows === 0) throw new FileProblemError({ code: 'NO_ROWS', message: 'the file has a header but no rows', line: null });
  return { header, rowsTotal: rows };
}

async function importRows(deps: ImportDeps, imp: CsvImportRow, header: HeaderMap, now: () => Date): Promise<void> {
  const kind = imp.kind === 'REBATE_CLAIMS' ? 'REBATE_CLAIM' : 'TRANSACTION_JOURNAL';
  const memory: ImportMemory = {
    externalIds: new Map(),
    vins: new Map(),
    dealers: new Map(),
    programCodes: new Set((await listPrograms(deps.store, { includeInactive: true, appliesTo: kind })).map((p) => p.code)),
  };
  const batchSize = deps.batchSize ?? 2000;
  const externalAt = header.get('external_id')!;
  const vinAt = imp.kind === 'REBATE_CLAIMS' ? header.get('vin') : undefined;
  let batch: BatchRow[] = [];
  let rowNumber = 0;
  let first = true;
  for await (const run of records(deps.store, imp.id)) {
    for (const record of run) {
      if (first) {
        first = false;
        continue;
      }
      rowNumber++;
      if (rowNumber <= imp.checkpoint_row) {
        // Committed by an earlier attempt: only what later rows are compared with is remembered.
        const externalId = (record.cells[externalAt] ?? '').trim();
        if (externalId && !memory.externalIds.has(externalId)) memory.externalIds.set(externalId, rowNumber);
        const vin = vinAt === undefined ? '' : (record.cells[vinAt] ?? '').trim().toUpperCase();
        if (vin && !memory.vins.has(vin)) memory.vins.set(vin, rowNumber);
        continue;
      }
      batch.push({ rowNumber, line: record.line, cells: record.cells });
      if (batch.length >= batchSize) {
        await applyBatch({ store: deps.store, dealers: deps.dealers, today: isoDate(now()) }, imp, header, batch, memory);
        batch = [];
      }
    }
  }
  if (batch.length) await applyBatch({ store: deps.store, dealers: deps.dealers, today: isoDate(now()) }, imp, header, batch, memory);
}

async function finish(deps: ImportDeps, importId: string): Promise<'COMPLETED'> {
  await deps.store.transaction(async (tx) => {
    await updateImport(tx, importId, { status: 'COMPLETED', finished_at: deps.now?.() ?? new Date() });
    const [done] = await importsByIds(tx, everything, [importId]);
    await recordWarrantyEvents(tx, [
      {
        type: WarrantyEventType.CsvImportCompleted,
        entity: entity('CsvImport', importId),
        dealerIds: [done!.dealer_id],
        changes: { kind: done!.kind, fileName: done!.file_name, rowsTotal: done!.rows_total, rowsCreated: done!.rows_created, rowsUpdated: done!.rows_updated, rowsUnchanged: done!.rows_unchanged, rowsRejected: done!.rows_rejected },
      },
    ]);
    await deleteChunks(tx, importId);
  });
  deps.logger.info({ importId }, 'csv import completed');
  return 'COMPLETED';
}

async function fail(deps: ImportDeps, imp: CsvImportRow, problem: FileProblem): Promise<'FAILED'> {
  await deps.store.transaction(async (tx) => {
    await updateImport(tx, imp.id, { status: 'FAILED', error_code: problem.code, error_message: problem.message, error_line: problem.line, finished_at: deps.now?.() ?? new Date() });
    await recordWarrantyEvents(tx, [
      { type: WarrantyEventType.CsvImportFailed, entity: entity('CsvImport', imp.id), dealerIds: [imp.dealer_id], changes: { kind: imp.kind, fileName: imp.file_name, code: problem.code, message: problem.message, line: problem.line } },
    ]);
    await deleteChunks(tx, imp.id);
  });
  deps.logger.info({ importId: imp.id, problem }, 'csv import refused');
  return 'FAILED';
}

/** The stored file's records, read chunk by chunk. */
function records(store: Store, importId: string): AsyncGenerator<CsvRecord[]> {
  return csvRecords(decodeUtf8(chunks(store, importId)));
}

async function* chunks(store: Store, importId: string): AsyncGenerator<Uint8Array> {
  const count = await chunkCount(store, importId);
  for (let seq = 0; seq < count; seq++) {
    const chunk = await readChunk(store, importId, seq);
    if (chunk) yield chunk;
  }
}
