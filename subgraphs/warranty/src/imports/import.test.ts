import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIncentiveProgram } from '../commands/programs.ts';
import { reviewRebateClaims, reviewTransactionJournals } from '../commands/salesReports.ts';
import { listRowErrors } from '../store/imports.ts';
import type { RebateClaimRow, TransactionJournalRow } from '../store/rows.ts';
import { allocationsBySourceIds } from '../store/salesReports.ts';
import { as, HAMBURG, MUNICH, partnerOf, staff } from '../testing/fixtures.ts';
import { startImportRig, vin } from '../testing/importRig.ts';

/**
 * Sales reports uploaded as CSV, through the upload route and the BullMQ worker, on Redis and a real store: every row
 * checked, every problem saved with its row, column, value and reason, valid rows saved, a corrected file updating
 * the reports it names; malformed files refused whole, nothing saved.
 */

describe.each(['pglite', 'postgres'] as const)('on %s', (driver) => {
  const HEADER = 'external_id,vin,sale_date,sale_type,sale_price,delivery_mileage,delivery_status,product_code,program_code,trading_dealer_code';
  let rig: Awaited<ReturnType<typeof startImportRig>>;
  const munich = partnerOf(MUNICH);

  beforeAll(async () => {
    rig = await startImportRig({ driver });
    const ctx = as(rig.store, staff);
    await createIncentiveProgram(ctx, { code: 'LYRA-Q2', name: 'Lyra retail Q2', appliesTo: 'REBATE_CLAIM', productCodes: ['V-LYRA'], validFrom: '2026-01-01', validTo: '2026-12-31', calculation: 'PER_UNIT', amountPerUnit: '750.00', tradeSharePercent: '33.33', maxDeliveryMileage: 500 });
    await createIncentiveProgram(ctx, { code: 'PARTS-26', name: 'Parts volume 2026', appliesTo: 'TRANSACTION_JOURNAL', validFrom: '2026-01-01', validTo: '2026-12-31', calculation: 'TIERED', tierBasis: 'QUANTITY', tiers: [{ from: '1', percent: '2.00' }, { from: '10', percent: '3.50' }], tradeSharePercent: '25.00' });
  });
  afterAll(() => rig?.close());

  async function reports(): Promise<RebateClaimRow[]> {
    return rig.store.query<RebateClaimRow>('select * from rebate_claims where dealer_id = $1 order by external_id', [MUNICH]);
  }

  describe('a rebate claims file with good and bad rows, corrected and uploaded again', () => {
    it('saves the valid rows, lists every problem with row, column, value and reason, and updates instead of duplicating', async () => {
      // Hamburg has already reported the vehicle of row 14.
      const hamburg = await rig.importFile('REBATE_CLAIMS', `${HEADER}\nHH-1,${vin(14)},2026-04-30,CASH,40100.00,8,DELIVERED,V-LYRA,,\n`, partnerOf(HAMBURG));
      expect(hamburg).toMatchObject({ status: 'COMPLETED', rows_created: 1 });

      const rows = [
        `RDR-1,${vin(1)},2026-05-02,cash,38990.00,12,DELIVERED,V-LYRA,LYRA-Q2,`,
        `RDR-2,${vin(2)},2026-05-03,LEASE,41200,20,Delivered,v-lyra,,HAM-01`,
        `RDR-3,,2026-05-03,CASH,41200.00,20,DELIVERED,V-LYRA,,`,
        `RDR-4,${vin(4)},02.05.2026,CASH,41200.00,20,DELIVERED,V-LYRA,,`,
        `RDR-5,${vin(5)},2026-05-03,barter,"38.990,00",-5,DELIVERED,V-LYRA,,`,
        `RDR-1,${vin(6)},2026-05-03,CASH,41200.00,20,DELIVERED,V-LYRA,,`,
        `RDR-7,${vin(1)},2026-05-03,CASH,41200.00,20,DELIVERED,V-LYRA,,`,
        `RDR-8,${vin(8)},2026-05-03,CASH,41200.00,20,DELIVERED,V-LYRA,NOPE,`,
        `RDR-9,${vin(9)},2026-05-03,CASH,41200.00,20,DELIVERED,V-LYRA,,XX-99`,
        `RDR-10,${vin(10)},2026-05-03,CASH,41200.00,20,DELIVERED,V-LYRA,,MUC-01`,
        `RDR-11,${vin(11)},2026-05-03,CASH,41200.00,20,DELIVERED`,
        `RDR-12,${vin(12)},2099-01-01,CASH,41200.00,20,DELIVERED,V-LYRA,,`,
        `RDR 13,WLYRAO0000000013,2026-05-03,CASH,41200.00,20,SHIPPED,V-LYRA,,`,
        `RDR-14,${vin(14)},2026-05-03,CASH,41200.00,20,DELIVERED,V-LYRA,,`,
        `"RDR-15","${vin(15)}",2026-05-04,LOAN,"39500.50",0,DELIVERED,V-LYRA,LYRA-Q2,`,
      ];
      const imp = await rig.importFile('REBATE_CLAIMS', `\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`, munich, 'may.csv');
      expect(imp).toMatchObject({ status: 'COMPLETED', rows_total: 15, rows_processed: 15, rows_created: 3, rows_updated: 0, rows_unchanged: 0, rows_rejected: 12, error_code: null });
      const errors = (await listRowErrors(rig.store, imp.id, { limit: 100, backward: false, after: null, before: null })).nodes;
      expect(errors.map((e) => [e.row_number, e.line, e.column_name, e.value, e.code])).toEqual([
        [3, 4, 'vin', null, 'REQUIRED'],
        [4, 5, 'sale_date', '02.05.2026', 'INVALID_DATE'],
        [5, 6, 'sale_type', 'barter', 'INVALID_VALUE'],
        [5, 6, 'sale_price', '38.990,00', 'INVALID_NUMBER'],
        [5, 6, 'delivery_mileage', '-5', 'OUT_OF_RANGE'],
        [6, 7, 'external_id', 'RDR-1', 'DUPLICATE_IN_FILE'],
        [7, 8, 'vin', vin(1), 'DUPLICATE_IN_FILE'],
        [8, 9, 'program_code', 'NOPE', 'UNKNOWN_PROGRAM'],
        [9, 10, 'trading_dealer_code', 'XX-99', 'UNKNOWN_DEALER'],
        [10, 11, 'trading_dealer_code', 'MUC-01', 'SELF_TRADE'],
        [11, 12, null, null, 'WRONG_COLUMN_COUNT'],
        [12, 13, 'sale_date', '2099-01-01', 'OUT_OF_RANGE'],
        [13, 14, 'external_id', 'RDR 13', 'INVALID_FORMAT'],
        [13, 14, 'vin', 'WLYRAO0000000013', 'INVALID_FORMAT'],
        [13, 14, 'delivery_status', 'SHIPPED', 'INVALID_VALUE'],
        [14, 15, 'vin', vin(14), 'VIN_ALREADY_CLAIMED'],
      ]);
      expect(errors.find((e) => e.code === 'INVALID_NUMBER')!.message).toBe('must be an amount like 41200.00: digits, a point for decimals (at most 2), no thousands separator');
      expect(errors.find((e) => e.code === 'WRONG_COLUMN_COUNT')!.message).toBe('has 7 fields; the header has 10');
      expect(errors.find((e) => e.code === 'VIN_ALREADY_CLAIMED')!.message).toBe('is already reported by another dealer');
      const saved = await reports();
      expect(saved.map((r) => [r.external_id, r.sale_type, r.sale_price, r.delivery_status, r.product_code, r.trading_dealer_id, r.source_row, r.status])).toEqual([
        ['RDR-1', 'CASH', '38990.00', 'DELIVERED', 'V-LYRA', null, 1, 'SUBMITTED'],
        ['RDR-15', 'LOAN', '39500.50', 'DELIVERED', 'V-LYRA', null, 15, 'SUBMITTED'],
        ['RDR-2', 'LEASE', '41200.00', 'DELIVERED', 'V-LYRA', HAMBURG, 2, 'SUBMITTED'],
      ]);

      // The OEM approves RDR-1 and RDR-2 (a trade: Hamburg supplied the vehicle) and returns RDR-15 for correction.
      const byId = new Map(saved.map((r) => [r.external_id, r.id]));
      const approved = await reviewRebateClaims(as(rig.store, staff), { ids: [byId.get('RDR-1')!, byId.get('RDR-2')!], decision: 'APPROVE' });
      expect(approved.map((r) => [r.external_id, r.status, r.incentive_amount, r.status_reason])).toEqual([
        ['RDR-1', 'APPROVED', '750.00', 'paid by program LYRA-Q2'],
        ['RDR-2', 'APPROVED', '750.00', 'paid by program LYRA-Q2'],
      ]);
      const split = await allocationsBySourceIds(rig.store, [byId.get('RDR-2')!]);
      expect(split.map((a) => [a.dealer_id, a.role, a.amount])).toEqual([[MUNICH, 'SELLING', '500.03'], [HAMBURG, 'SUPPLYING', '249.97']]);
      await expect(reviewRebateClaims(as(rig.store, staff), { ids: [byId.get('RDR-15')!], decision: 'RETURN' })).rejects.toThrow('input.reason: returning needs a reason the dealer can act on');
      await reviewRebateClaims(as(rig.store, staff), { ids: [byId.get('RDR-15')!], decision: 'RETURN', reason: 'the invoice shows 39050.50' });

      // The corrected file: the rejected rows fixed, RDR-15 corrected, RDR-2 as it was, RDR-1 changed although approved.
      const corrected = [
        `RDR-1,${vin(1)},2026-05-02,CASH,37990.00,12,DELIVERED,V-LYRA,LYRA-Q2,`,
        `RDR-2,${vin(2)},2026-05-03,LEASE,41200.00,20,DELIVERED,V-LYRA,,HAM-01`,
        `RDR-3,${vin(3)},2026-05-03,CASH,41200.00,20,DELIVERED,V-LYRA,,`,
        `RDR-4,${vin(4)},2026-05-02,CASH,41200.00,20,DELIVERED,V-LYRA,,`,
        `RDR-5,${vin(5)},2026-05-03,LOAN,38990.00,5,DELIVERED,V-LYRA,,`,
        `RDR-15,${vin(15)},2026-05-04,LOAN,39050.50,0,DELIVERED,V-LYRA,LYRA-Q2,`,
      ];
      const again = await rig.importFile('REBATE_CLAIMS', `${HEADER}\n${corrected.join('\n')}\n`, munich, 'may-corrected.csv');
      expect(again).toMatchObject({ status: 'COMPLETED', rows_total: 6, rows_created: 3, rows_updated: 1, rows_unchanged: 1, rows_rejected: 1 });
      const locked = (await listRowErrors(rig.store, again.id, { limit: 10, backward: false, after: null, before: null })).nodes;
      expect(locked.map((e) => [e.row_number, e.code, e.message])).toEqual([[1, 'REPORT_LOCKED', expect.stringMatching(/^is RC-\d{6}, which is APPROVED; decided reports no longer change$/)]]);
      const after = await reports();
      expect(after.map((r) => r.external_id)).toEqual(['RDR-1', 'RDR-15', 'RDR-2', 'RDR-3', 'RDR-4', 'RDR-5']);
      expect(after.find((r) => r.external_id === 'RDR-15')).toMatchObject({ id: byId.get('RDR-15'), sale_price: '39050.50', status: 'SUBMITTED', status_reason: null, import_id: again.id });
      expect(after.find((r) => r.external_id === 'RDR-1')).toMatchObject({ sale_price: '38990.00', status: 'APPROVED' });
      expect(await rig.store.query("select count(*)::int as n from outbox where type = 'CsvImportCompleted' and entity_id = $1", [again.id])).toEqual([{ n: 1 }]);
    });
  });

  describe('a transaction journals file', () => {
    it('saves parts sales with their supplying dealer, and splits the tiered incentive between seller and supplier', async () => {
      const file = [
        'ExternalTransactionNumber,Journal Date,Product Code,Quantity,Amount,Supplying Dealer Code',
        'TX-1,2026-05-10,P-BRK-PAD,12,238.00,HAM-01',
        'TX-2,2026-05-11,A-MAT-AW,2,238.00,',
        'TX-3,2026-05-11,A-MAT-AW,0,238.00,',
      ].join('\n');
      const imp = await rig.importFile('TRANSACTION_JOURNALS', file, munich, 'parts.csv');
      expect(imp).toMatchObject({ status: 'COMPLETED', rows_created: 2, rows_rejected: 1 });
      const journals = await rig.store.query<TransactionJournalRow>('select * from transaction_journals where dealer_id = $1 order by external_id', [MUNICH]);
      const decided = await reviewTransactionJournals(as(rig.store, staff), { ids: journals.map((j) => j.id), decision: 'APPROVE' });
      expect(decided.map((j) => [j.external_id, j.incentive_amount])).toEqual([['TX-1', '8.33'], ['TX-2', '4.76']]);
      const split = await allocationsBySourceIds(rig.store, [journals[0]!.id]);
      expect(split.map((a) => [a.dealer_id, a.role, a.amount])).toEqual([[MUNICH, 'SELLING', '6.25'], [HAMBURG, 'SUPPLYING', '2.08']]);
    });
  });

  describe('malformed files', () => {
    const good = `${HEADER}\nM-1,${vin(901)},2026-05-02,CASH,38990.00,12,DELIVERED,V-LYRA,,\n`;
    const cases: [string, string | Uint8Array, string, RegExp][] = [
      ['wrong delimiter', good.replaceAll(',', ';'), 'WRONG_DELIMITER', /^the columns are separated by semicolons \(;\); the file must be comma-separated/],
      ['missing header', `M-2,${vin(902)},2026-05-02,CASH,38990.00,12,DELIVERED,V-LYRA,,\n`, 'MISSING_HEADER', /^the first line is not a header: it must name the columns \(external_id, vin, sale_date/],
      ['wrong encoding (Windows-1252)', Buffer.concat([Buffer.from(`${HEADER}\nM-3,${vin(903)},2026-05-02,CASH,38990.00,12,DELIVERED,V-LYRA,,\nM-4,${vin(904)},2026-05-02,CASH,38990.00,12,DELIVERED,V-LYRA,,M`), Buffer.from([0xfc]), Buffer.from('nchen\n')]), 'WRONG_ENCODING', /^line 3 is not UTF-8 text .* save it as "CSV UTF-8 \(comma delimited\)"/],
      ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]), 'WRONG_ENCODING', /^the file is UTF-16/],
      ['a quote never closed', `${HEADER}\nM-5,${vin(905)},2026-05-02,CASH,38990.00,12,DELIVERED,V-LYRA,,\nM-6,"${vin(906)},2026-05-02,CASH,38990.00,12,DELIVERED,V-LYRA,,\n`, 'MALFORMED_CSV', /a quoted field is never closed/],
      ['required columns missing', 'external_id,vin,sale_date\nM-7,X,2026-05-02\n', 'MISSING_COLUMNS', /^required columns missing: sale_type, sale_price, delivery_mileage, delivery_status, product_code$/],
      ['an unknown column', `${HEADER},sale_prcie\n`, 'UNKNOWN_COLUMNS', /^unknown column "sale_prcie"; the columns are external_id/],
      ['an empty file', '', 'EMPTY_FILE', /^the file is empty/],
    ];

    it.each(cases)('%s: refused with a clear error, nothing saved', async (_name, body, code, message) => {
      const before = await rig.store.query<{ n: number }>('select count(*)::int as n from rebate_claims');
      const imp = await rig.importFile('REBATE_CLAIMS', body, munich);
      expect(imp).toMatchObject({ status: 'FAILED', error_code: code, rows_processed: 0, rows_created: 0 });
      expect(imp.error_message).toMatch(message);
      expect(await rig.store.query('select count(*)::int as n from rebate_claims')).toEqual(before);
      expect(await rig.store.query('select count(*)::int as n from csv_import_errors where import_id = $1', [imp.id])).toEqual([{ n: 0 }]);
      expect(await rig.store.query('select count(*)::int as n from csv_import_chunks where import_id = $1', [imp.id])).toEqual([{ n: 0 }]);
    });
  });

  describe('the upload route', () => {
    it('takes a file once, from its own dealer only, and refuses what is not a signed upload', async () => {
      const { createCsvImport } = await import('../commands/csvImports.ts');
      const imp = await createCsvImport(as(rig.store, munich), { kind: 'REBATE_CLAIMS', fileName: 'june.csv' });
      expect(await rig.put(imp.id, 'x', partnerOf(HAMBURG))).toMatchObject({ status: 404 });
      const unsigned = await fetch(`${rig.url}/uploads/csv-imports?id=${imp.id}`, { method: 'PUT', body: 'x' });
      expect(unsigned.status).toBe(401);
      expect((await fetch(`${rig.url}/uploads/csv-imports?id=${imp.id}`, { method: 'POST', body: 'x' })).status).toBe(405);
      const file = `${HEADER}\nJ-1,${vin(950)},2026-06-01,CASH,38990.00,12,DELIVERED,V-LYRA,,\n`;
      const first = await rig.put(imp.id, file, munich);
      expect(first).toMatchObject({ status: 202, body: { id: imp.id, status: 'QUEUED', bytes: Buffer.byteLength(file) } });
      expect(first.body['sha256']).toMatch(/^[0-9a-f]{64}$/);
      expect(await rig.put(imp.id, 'again', munich)).toMatchObject({ status: 409 });
      expect(await rig.finished(imp.id)).toMatchObject({ status: 'COMPLETED', rows_created: 1 });
    });
  });

  describe('an import whose worker dies', () => {
    it('resumes after the last committed batch: nothing saved twice, nothing lost', async () => {
      const { createCsvImport } = await import('../commands/csvImports.ts');
      const { insertChunk, updateImport, importsByIds } = await import('../store/imports.ts');
      const { runImport } = await import('./runImport.ts');
      const { createLogger } = await import('@l2c/shared');
      const { fixedDealerDirectory } = await import('../intake/dealerDirectory.ts');
      const rows = Array.from({ length: 10 }, (_, i) => `K-${i + 1},${vin(700 + i)},2026-05-02,CASH,38990.00,12,DELIVERED,V-LYRA,,${i % 2 ? `HAM-0${Math.floor(i / 3) + 1}` : ''}`);
      rows.splice(5, 1, 'K-6,,2026-05-02,CASH,38990.00,12,DELIVERED,V-LYRA,,');
      const imp = await createCsvImport(as(rig.store, munich), { kind: 'REBATE_CLAIMS', fileName: 'k.csv' });
      const bytes = Buffer.from(`${HEADER}\n${rows.join('\n')}\n`);
      // Stored in small chunks, so batches span chunk boundaries.
      for (let seq = 0; seq * 100 < bytes.length; seq++) await insertChunk(rig.store, imp.id, seq, bytes.subarray(seq * 100, (seq + 1) * 100));
      await updateImport(rig.store, imp.id, { status: 'QUEUED' });
      const directory = fixedDealerDirectory({ 'HAM-01': HAMBURG, 'HAM-02': HAMBURG, 'HAM-03': HAMBURG, 'HAM-04': HAMBURG });
      let calls = 0;
      const dying = { byCodes: async (codes: readonly string[]) => (++calls === 2 ? Promise.reject(new Error('worker killed')) : directory.byCodes(codes)) };
      const logger = createLogger('resume-test', 'silent');
      // Batches of 3 rows, each naming a trading dealer of its own: the first commits, the second dies looking its dealer up.
      await expect(runImport({ store: rig.store, dealers: dying, logger, batchSize: 3 }, imp.id)).rejects.toThrow('worker killed');
      expect((await importsByIds(rig.store, { kind: 'all' }, [imp.id]))[0]).toMatchObject({ status: 'IMPORTING', checkpoint_row: 3, rows_processed: 3, rows_created: 3 });
      calls = 0;
      const dealers = { byCodes: async (codes: readonly string[]) => (calls++, directory.byCodes(codes)) };
      expect(await runImport({ store: rig.store, dealers, logger, batchSize: 3 }, imp.id)).toBe('COMPLETED');
      expect((await importsByIds(rig.store, { kind: 'all' }, [imp.id]))[0]).toMatchObject({ status: 'COMPLETED', rows_total: 10, rows_processed: 10, rows_created: 9, rows_rejected: 1, checkpoint_row: 10 });
      expect(await rig.store.query("select count(*)::int as n, count(distinct external_id)::int as ids from rebate_claims where external_id like 'K-%'")).toEqual([{ n: 9, ids: 9 }]);
      expect(await rig.store.query('select row_number, code from csv_import_errors where import_id = $1', [imp.id])).toEqual([{ row_number: 6, code: 'REQUIRED' }]);
    });
  });
});
