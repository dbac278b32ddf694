import { pageQuery } from '@l2c/shared';
import type { CsvImportResolvers, CsvRowErrorResolvers } from '../__generated__/resolvers-types.ts';
import { columnsOf } from '../domain/csv/columns.ts';
import { listRowErrors } from '../store/imports.ts';

/** Where a dealer PUTs an import's file, at the gateway (which forwards it to this subgraph's upload route). */
export const uploadPathOf = (id: string) => `/uploads/warranty/csv-imports?id=${encodeURIComponent(id)}`;

export const CsvImport = {
  __resolveReference: (reference, ctx) => ctx.loaders.csvImport.load(reference.id),
  dealer: (imp) => ({ id: imp.dealer_id }),
  uploadPath: (imp) => uploadPathOf(imp.id),
  percent: (imp) => {
    if (imp.status === 'COMPLETED') return 100;
    if (!imp.rows_total) return 0;
    return Math.min(99, Math.floor((imp.rows_processed * 100) / imp.rows_total));
  },
  error: (imp) => (imp.error_code ? { code: imp.error_code, message: imp.error_message ?? '', line: imp.error_line } : null),
  // The import was found within the caller's scope, so its rows' errors are the caller's to read.
  errors: (imp, args, ctx) => listRowErrors(ctx.store, imp.id, pageQuery(args, { defaultSize: 100, maxSize: 1000 })),
  columns: (imp) => [...columnsOf(imp.kind)],
} satisfies CsvImportResolvers;

export const CsvRowError = {
  row: (error) => error.row_number,
  column: (error) => error.column_name,
} satisfies CsvRowErrorResolvers;
