import { isoDate } from '@l2c/shared';
import { ok, startStack } from '@l2c/e2e/harness';
import { installCapture } from '@l2c/shared/testing';
import type { Benchmark, Measurement } from '../benchmark.ts';

const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 100_000);
const DRIVER = process.env.BENCH_STORE === 'postgres' ? 'postgres' : 'pglite';

/**
 * A dealer's CSV of vehicle sales reports, as the portal sends it: opened in the graph, PUT through the gateway's
 * uploads to the warranty subgraph, checked and imported by the BullMQ worker in batches of 1,000 (one transaction
 * each). One row in 50 is invalid (its error saved with row, column and reason), one in 10 names a trading dealer
 * (looked up in CRM through the graph). Timed from the first byte sent until the import is COMPLETED; then the same
 * file is uploaded again (every row unchanged: nothing rewritten, nothing duplicated). The Salesforce sync's change
 * capture is installed on the table, as a running sync has it, so every saved report is also queued for the push.
 */
export const csvImport: Benchmark = {
  name: 'csv-import',
  description: `CSV import of ${ROWS.toLocaleString('en-US')} rebate claims through the gateway's uploads, BullMQ worker, sync change capture on, ${DRIVER} store (target: under 30 s)`,
  async run(): Promise<Measurement[]> {
    await using stack = await startStack({ driver: DRIVER, warranty: {} });
    await installCapture(stack.warranty!.store, [{ table: 'rebate_claims', key: 'id' }]);
    const staff = await stack.token('staff');
    const dealers: string[] = [];
    for (const [name, code] of [['Autohaus München', 'MUC-01'], ['Autohaus Hamburg', 'HAM-01'], ['Autohaus Köln', 'CGN-01'], ['Autohaus Berlin', 'BER-01']] as const) {
      dealers.push(ok(await stack.graphql<{ createAccount: { id: string } }>(staff, 'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input: { name, type: 'DEALER', dealerCode: code } })).createAccount.id);
    }
    ok(await stack.graphql(staff, 'mutation { createIncentiveProgram(input: { code: "LYRA-RETAIL", name: "Lyra retail", appliesTo: REBATE_CLAIM, productCodes: ["V-LYRA"], validFrom: "2020-01-01", validTo: "2099-12-31", calculation: PER_UNIT, amountPerUnit: "750.00", tradeSharePercent: "30.00" }) { id } }'));
    const dealer = await stack.token('partner', dealers[0]!);
    const file = salesReports(ROWS);
    const gateway = stack.gatewayUrl.replace(/\/graphql$/, '');

    const upload = async () => {
      const { createCsvImport } = ok(await stack.graphql<{ createCsvImport: { id: string; uploadPath: string } }>(dealer, 'mutation { createCsvImport(input: { kind: REBATE_CLAIMS, fileName: "sales.csv" }) { id uploadPath } }'));
      const started = performance.now();
      const response = await fetch(`${gateway}${createCsvImport.uploadPath}`, { method: 'PUT', headers: { authorization: `Bearer ${dealer}`, 'content-type': 'text/csv' }, body: file });
      if (response.status !== 202) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
      const uploaded = performance.now();
      const done = await finished(stack.warranty!.store, createCsvImport.id);
      return { done, uploadMs: uploaded - started, totalMs: performance.now() - started };
    };

    const first = await upload();
    if (first.done.status !== 'COMPLETED' || first.done.rows_created + first.done.rows_rejected !== ROWS) throw new Error(`first import: ${JSON.stringify(first.done)}`);
    const again = await upload();
    if (again.done.rows_unchanged !== first.done.rows_created) throw new Error(`second import: ${JSON.stringify(again.done)}`);
    const [{ n }] = (await stack.warranty!.store.query<{ n: number }>('select count(*)::int as n from rebate_claims')) as [{ n: number }];
    if (n !== first.done.rows_created) throw new Error(`${n} rebate claims stored for ${first.done.rows_created} valid rows`);
    const [{ queued }] = (await stack.warranty!.store.query<{ queued: number }>("select count(distinct local_id)::int as queued from sync_changes where table_name = 'rebate_claims'")) as [{ queued: number }];
    return [
      { metric: 'rows in the file', value: ROWS, unit: 'rows' },
      { metric: 'file size', value: Buffer.byteLength(file) / 2 ** 20, unit: 'MiB' },
      { metric: 'upload through the gateway', value: first.uploadMs / 1000, unit: 's' },
      { metric: 'upload to COMPLETED', value: first.totalMs / 1000, unit: 's', note: 'target < 30 s' },
      { metric: 'rows per second', value: ROWS / (first.totalMs / 1000), unit: 'rows/s' },
      { metric: 'rows created', value: first.done.rows_created, unit: 'rows' },
      { metric: 'rows rejected (errors saved)', value: first.done.rows_rejected, unit: 'rows' },
      { metric: 'reports queued for the Salesforce push', value: queued, unit: 'rows' },
      { metric: 'same file again, to COMPLETED', value: again.totalMs / 1000, unit: 's', note: `${again.done.rows_unchanged} unchanged, ${n} claims stored` },
    ];
  },
};

function salesReports(rows: number): string {
  const today = isoDate(new Date());
  const lines = ['external_id,vin,sale_date,sale_type,sale_price,delivery_mileage,delivery_status,product_code,program_code,trading_dealer_code'];
  const types = ['CASH', 'LEASE', 'LOAN'];
  const partners = ['HAM-01', 'CGN-01', 'BER-01'];
  for (let i = 1; i <= rows; i++) {
    const price = i % 50 === 0 ? '41.200,00' : `${38_000 + (i % 5000)}.${String(i % 100).padStart(2, '0')}`;
    const trade = i % 10 === 0 ? partners[i % 3]! : '';
    lines.push(`RDR-${i},WLYRA${String(i).padStart(12, '0')},${today},${types[i % 3]},${price},${i % 400},DELIVERED,V-LYRA,${i % 2 ? 'LYRA-RETAIL' : ''},${trade}`);
  }
  return `${lines.join('\n')}\n`;
}

async function finished(store: { query<R>(sql: string, params?: unknown[]): Promise<R[]> }, id: string) {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const [row] = await store.query<{ status: string; rows_created: number; rows_rejected: number; rows_unchanged: number }>('select status, rows_created, rows_rejected, rows_unchanged from csv_imports where id = $1', [id]);
    if (row && (row.status === 'COMPLETED' || row.status === 'FAILED')) return row;
    if (Date.now() > deadline) throw new Error(`import ${id} did not finish: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
