/**
 * Rough Bulk API 2.0 throughput, through jsforce over loopback HTTP on the whole emulator (`createEmulator`):
 *
 *   npx tsx salesforce-emulator/src/bulk/testing/measureThroughput.ts [rows]
 *
 * Ingest: one insert job of `rows` Accounts (default 100,000), timed from upload to JobComplete, CDC on (every row
 * becomes a retained change event). Query: a query job over those rows read back in pages of 2,000, 10,000 and
 * 50,000 rows, timed from job creation to the last page. Not a benchmark harness (that is `bench/`), a quick check
 * that Bulk API is never a sync benchmark's bottleneck.
 */
import { HttpApi } from 'jsforce/lib/http-api.js';
import { startEmulatorForTests } from './emulatorForTests.ts';

const rows = Number(process.argv[2] ?? 100_000);
const emu = await startEmulatorForTests({ dailyApiLimit: 10_000_000 });
const conn = await emu.login();

let csv = 'Name,L2C_Id__c,NumberOfEmployees,Phone,Industry\n';
for (let i = 0; i < rows; i += 1) csv += `Account ${i},T-${i},${i % 1000},555-${String(i % 10_000).padStart(4, '0')},Automotive\n`;

const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
const t0 = performance.now();
await job.open();
await job.uploadData(csv);
const uploaded = performance.now();
await job.close();
await job.poll(25, 600_000);
const done = performance.now();
const info = await job.check();
const results = await job.getAllResults();
const fetched = performance.now();
console.log(
  `ingest ${rows} rows: upload ${ms(uploaded - t0)}, processing ${ms(done - uploaded)} (totalProcessingTime ${info.totalProcessingTime} ms), results ${ms(fetched - done)}; ` +
    `${results.successfulResults.length} saved, ${results.failedResults.length} failed → ${perSecond(rows, done - t0)} rows/s upload to JobComplete`,
);

for (const maxRecords of [2_000, 10_000, 50_000]) {
  const start = performance.now();
  const created = await conn.request<{ id: string }>({
    method: 'POST',
    url: '/services/data/v60.0/jobs/query',
    body: JSON.stringify({ operation: 'query', query: 'SELECT Id, Name, L2C_Id__c, NumberOfEmployees, Phone, Owner.Name, CreatedDate FROM Account' }),
    headers: { 'Content-Type': 'application/json' },
  });
  while ((await conn.request<{ state: string }>(`/services/data/v60.0/jobs/query/${created.id}`)).state !== 'JobComplete') await new Promise((r) => setTimeout(r, 5));
  const ready = performance.now();
  let locator: string | undefined;
  let served = 0;
  let bytes = 0;
  let pages = 0;
  do {
    const api = new HttpApi(conn, { responseType: 'text/plain' });
    api.on('response', (res: { headers: Record<string, string> }) => {
      locator = res.headers['sforce-locator'];
      served += Number(res.headers['sforce-numberofrecords']);
    });
    const query = `maxRecords=${maxRecords}${locator ? `&locator=${locator}` : ''}`;
    bytes += (await api.request<string>({ method: 'GET', url: `${conn.instanceUrl}/services/data/v60.0/jobs/query/${created.id}/results?${query}`, headers: { Accept: 'text/csv' } })).length;
    pages += 1;
  } while (locator && locator !== 'null');
  const end = performance.now();
  console.log(
    `query pages of ${maxRecords}: create+evaluate+complete ${ms(ready - start)}, ${pages} pages in ${ms(end - ready)}, ${served} rows, ${(bytes / 1e6).toFixed(1)} MB → ` +
      `${perSecond(served, end - start)} rows/s overall, ${perSecond(served, end - ready)} rows/s served`,
  );
}
await emu.close();

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

function perSecond(count: number, elapsedMs: number): string {
  return Math.round(count / (elapsedMs / 1000)).toLocaleString('en-US');
}
