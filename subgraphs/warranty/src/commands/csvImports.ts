import { badInput, requiredText } from '@l2c/shared';
import type { CsvImportKind } from '../domain/csv/columns.ts';
import { insertImport } from '../store/imports.ts';
import type { CsvImportRow } from '../store/rows.ts';
import { assertFiler, dealerFor, idSource, type CommandContext } from './context.ts';

/** Opens an import: the file is then PUT to its upload path, and a worker reads it. */
export async function createCsvImport(ctx: CommandContext, input: { kind: CsvImportKind; fileName: string; dealerId?: string | null }): Promise<CsvImportRow> {
  assertFiler(ctx, 'createCsvImport');
  const dealerId = dealerFor(ctx, input.dealerId, 'input.dealerId');
  const fileName = requiredText('input.fileName', input.fileName, 255);
  if (/[\\/\u0000-\u001f]/.test(fileName)) throw badInput('input.fileName', input.fileName, 'must be a file name without folders or control characters');
  return ctx.store.transaction((tx) => insertImport(tx, { id: idSource(ctx)(), kind: input.kind, dealer_id: dealerId, file_name: fileName, created_by: ctx.identity.subject }));
}
