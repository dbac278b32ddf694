import { fromCents, mustCents, type Store } from '@l2c/shared';
import type { CsvImportKind } from '../domain/csv/columns.ts';
import type { RowError } from '../domain/csv/fields.ts';
import type { HeaderMap } from '../domain/csv/header.ts';
import { readRebateClaimRow, readTransactionJournalRow, type RebateClaimRow, type TransactionJournalRow } from '../domain/csv/salesRows.ts';
import type { DealerDirectory } from '../intake/dealerDirectory.ts';
import { advanceImport, insertRowErrors } from '../store/imports.ts';
import { assetIdsByVin, claimedVins, existingReports, upsertReports } from '../store/importRows.ts';
import type { CsvImportRow, CsvRowErrorRow } from '../store/rows.ts';
import type { SalesReportTable } from '../store/salesReports.ts';

/**
 * One batch of a CSV import, in one transaction with the import's counters and checkpoint: every row is checked
 * (field by field, against the file's earlier rows, the programs, the dealers, the reports already filed), valid rows
 * are saved (one upsert by the dealer's row id: a corrected row updates its report, never adds one), and every
 * problem is saved as a row error naming the column, the value and the reason. A row is saved whole or not at all.
 */

export interface BatchRow {
  rowNumber: number;
  line: number;
  cells: string[];
}

/** What an import remembers across batches: the file's row ids and VINs seen, dealer codes looked up. */
export interface ImportMemory {
  externalIds: Map<string, number>;
  vins: Map<string, number>;
  dealers: Map<string, string | null>;
  programCodes: ReadonlySet<string>;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

interface KindSpec<Row> {
  table: SalesReportTable;
  read(header: HeaderMap, cells: readonly string[], today: string): { ok: true; value: Row } | { ok: false; errors: RowError[] };
  externalId(row: Row): string;
  vin(row: Row): string | null;
  /** The vehicle must not be claimed twice (vehicle sales only). */
  uniqueVin: boolean;
  dealerCode(row: Row): string | null;
  dealerColumn: string;
  programCode(row: Row): string | null;
  /** The row's values as text, compared with the stored report's `fingerprint` to tell unchanged rows. */
  fingerprint(row: Row, dealerId: string | null): string;
  fingerprintSql: string;
  /** The columns upserted, with their SQL types (the batch travels as one typed array per column). */
  columns: readonly { name: string; type: string }[];
  values(row: Row, ids: { tradingDealerId: string | null; assetId: string | null; rowNumber: number }): unknown[];
}

const REBATE: KindSpec<RebateClaimRow> = {
  table: 'rebate_claims',
  read: readRebateClaimRow,
  externalId: (r) => r.externalId,
  vin: (r) => r.vin,
  uniqueVin: true,
  dealerCode: (r) => r.tradingDealerCode,
  dealerColumn: 'trading_dealer_code',
  programCode: (r) => r.programCode,
  fingerprint: (r) => [r.vin, r.productCode, r.saleDate, r.saleType, fromCents(mustCents(r.salePrice)), r.deliveryMileage, r.deliveryStatus, r.programCode ?? '', r.tradingDealerCode ?? ''].join('|'),
  fingerprintSql: "concat_ws('|', vin, product_code, sale_date::text, sale_type, sale_price::text, delivery_mileage::text, delivery_status, coalesce(program_code, ''), coalesce(trading_dealer_code, ''))",
  columns: typed('external_id', 'vin', 'asset_id', 'product_code', 'sale_date:date', 'sale_type', 'sale_price:numeric', 'delivery_mileage:int', 'delivery_status', 'trading_dealer_id', 'trading_dealer_code', 'program_code', 'source_row:int'),
  values: (r, x) => [r.externalId, r.vin, x.assetId, r.productCode, r.saleDate, r.saleType, r.salePrice, r.deliveryMileage, r.deliveryStatus, x.tradingDealerId, r.tradingDealerCode, r.programCode, x.rowNumber],
};

const JOURNAL: KindSpec<TransactionJournalRow> = {
  table: 'transaction_journals',
  read: readTransactionJournalRow,
  externalId: (r) => r.externalId,
  vin: (r) => r.vin,
  uniqueVin: false,
  dealerCode: (r) => r.supplyingDealerCode,
  dealerColumn: 'supplying_dealer_code',
  programCode: (r) => r.programCode,
  fingerprint: (r) => [r.journalDate, r.invoiceDate ?? '', r.productCode, r.quantity, fromCents(mustCents(r.amount)), r.vin ?? '', r.supplyingDealerCode ?? '', r.programCode ?? ''].join('|'),
  fingerprintSql: "concat_ws('|', journal_date::text, coalesce(invoice_date::text, ''), product_code, quantity::text, amount::text, coalesce(vin, ''), coalesce(supplying_dealer_code, ''), coalesce(program_code, ''))",
  columns: typed('external_id', 'journal_date:date', 'invoice_date:date', 'product_code', 'quantity:int', 'amount:numeric', 'vin', 'asset_id', 'supplying_dealer_id', 'supplying_dealer_code', 'program_code', 'source_row:int'),
  values: (r, x) => [r.externalId, r.journalDate, r.invoiceDate, r.productCode, r.quantity, r.amount, r.vin, x.assetId, x.tradingDealerId, r.supplyingDealerCode, r.programCode, x.rowNumber],
};

export function applyBatch(deps: { store: Store; dealers: DealerDirectory; today: string }, imp: CsvImportRow, header: HeaderMap, batch: readonly BatchRow[], memory: ImportMemory): Promise<BatchOutcome> {
  return imp.kind === 'REBATE_CLAIMS' ? apply(REBATE, deps, imp, header, batch, memory) : apply(JOURNAL, deps, imp, header, batch, memory);
}

async function apply<Row>(spec: KindSpec<Row>, deps: { store: Store; dealers: DealerDirectory; today: string }, imp: CsvImportRow, header: HeaderMap, batch: readonly BatchRow[], memory: ImportMemory): Promise<BatchOutcome> {
  const errors: CsvRowErrorRow[] = [];
  const fail = (row: BatchRow, problems: readonly RowError[], externalId: string | null) =>
    problems.forEach((p, i) => errors.push({ import_id: imp.id, id: `${String(row.rowNumber).padStart(9, '0')}.${i}`, row_number: row.rowNumber, line: row.line, column_name: p.column, value: p.value, code: p.code, message: p.message, external_id: externalId }));
  const valid: { row: BatchRow; value: Row }[] = [];

  for (const row of batch) {
    const externalIdCell = header.has('external_id') ? (row.cells[header.get('external_id')!] ?? '').trim() : '';
    if (row.cells.length !== header.size) {
      fail(row, [{ column: null, value: null, code: 'WRONG_COLUMN_COUNT', message: `has ${row.cells.length} fields; the header has ${header.size}` }], externalIdCell || null);
      remember(memory, externalIdCell, null, row.rowNumber);
      continue;
    }
    const read = spec.read(header, row.cells, deps.today);
    const problems: RowError[] = read.ok ? [] : [...read.errors];
    if (externalIdCell) {
      const earlier = memory.externalIds.get(externalIdCell);
      if (earlier !== undefined) problems.push({ column: 'external_id', value: externalIdCell, code: 'DUPLICATE_IN_FILE', message: `is also on row ${earlier} of this file; each row id may appear once` });
    }
    if (read.ok) {
      const vin = spec.vin(read.value);
      const vinRow = vin && spec.uniqueVin ? memory.vins.get(vin) : undefined;
      if (vinRow !== undefined) problems.push({ column: 'vin', value: vin, code: 'DUPLICATE_IN_FILE', message: `is also on row ${vinRow} of this file; a vehicle is reported once` });
      const program = spec.programCode(read.value);
      if (program && !memory.programCodes.has(program)) problems.push({ column: 'program_code', value: program, code: 'UNKNOWN_PROGRAM', message: 'is not an incentive program for this kind of sale' });
    }
    remember(memory, externalIdCell, read.ok && spec.uniqueVin ? spec.vin(read.value) : null, row.rowNumber);
    if (problems.length) fail(row, problems, externalIdCell || null);
    else if (read.ok) valid.push({ row, value: read.value });
  }

  const codes = [...new Set(valid.flatMap((v) => spec.dealerCode(v.value) ?? []))].filter((c) => !memory.dealers.has(c));
  if (codes.length) {
    const found = await deps.dealers.byCodes(codes);
    for (const code of codes) memory.dealers.set(code, found.get(code) ?? null);
  }
  const dealerChecked = valid.filter(({ row, value }) => {
    const code = spec.dealerCode(value);
    if (!code) return true;
    const dealerId = memory.dealers.get(code);
    if (!dealerId) return fail(row, [{ column: spec.dealerColumn, value: code, code: 'UNKNOWN_DEALER', message: 'is not the dealer code of a dealer' }], spec.externalId(value)), false;
    if (dealerId === imp.dealer_id) return fail(row, [{ column: spec.dealerColumn, value: code, code: 'SELF_TRADE', message: 'is the uploading dealer itself; name the other dealer of the trade' }], spec.externalId(value)), false;
    return true;
  });

  return deps.store.transaction(async (tx) => {
    const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const ids = dealerChecked.map((v) => spec.externalId(v.value));
    const existing = new Map((await existingReports(tx, spec.table, imp.dealer_id, ids, spec.fingerprintSql)).map((r) => [r.external_id, r]));
    const vins = [...new Set(dealerChecked.flatMap((v) => spec.vin(v.value) ?? []))];
    const claimed = spec.uniqueVin ? new Map((await claimedVins(tx, vins, imp.dealer_id, ids)).map((c) => [c.vin, c.own])) : new Map<string, boolean>();
    const assets = await assetIdsByVin(tx, vins);
    const upserts: unknown[][] = [];
    for (const { row, value } of dealerChecked) {
      const externalId = spec.externalId(value);
      const before = existing.get(externalId);
      const same = before !== undefined && before.fingerprint === spec.fingerprint(value, null);
      if (before && (before.status === 'APPROVED' || before.status === 'REJECTED')) {
        // A whole file uploaded again repeats decided rows as they were: only a change to one is refused.
        if (same) {
          outcome.unchanged++;
          continue;
        }
        fail(row, [{ column: 'external_id', value: externalId, code: 'REPORT_LOCKED', message: `is ${before.number}, which is ${before.status}; decided reports no longer change` }], externalId);
        continue;
      }
      const vin = spec.vin(value);
      if (vin && claimed.has(vin)) {
        fail(row, [{ column: 'vin', value: vin, code: 'VIN_ALREADY_CLAIMED', message: claimed.get(vin) ? 'is already reported under another of your row ids' : 'is already reported by another dealer' }], externalId);
        continue;
      }
      if (before && before.status === 'SUBMITTED' && same) {
        outcome.unchanged++;
        continue;
      }
      if (before) outcome.updated++;
      else outcome.created++;
      const code = spec.dealerCode(value);
      upserts.push(spec.values(value, { tradingDealerId: code ? memory.dealers.get(code)! : null, assetId: vin ? (assets.get(vin) ?? null) : null, rowNumber: row.rowNumber }));
    }
    await upsertReports(tx, spec.table, { dealerId: imp.dealer_id, importId: imp.id }, spec.columns, upserts);
    await insertRowErrors(tx, errors);
    outcome.rejected = new Set(errors.map((e) => e.row_number)).size;
    await advanceImport(tx, imp.id, { processed: batch.length, ...outcome, checkpointRow: batch.at(-1)!.rowNumber });
    return outcome;
  });
}

/** Column specs written `name` (text) or `name:type`. */
function typed(...specs: string[]): { name: string; type: string }[] {
  return specs.map((spec) => {
    const [name, type = 'text'] = spec.split(':');
    return { name: name!, type };
  });
}

function remember(memory: ImportMemory, externalId: string, vin: string | null, rowNumber: number): void {
  if (externalId && !memory.externalIds.has(externalId)) memory.externalIds.set(externalId, rowNumber);
  if (vin && !memory.vins.has(vin)) memory.vins.set(vin, rowNumber);
}
