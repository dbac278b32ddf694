/**
 * Rows served per second over HTTP: the emulator's server on a free port, 100,000 Accounts, the query and every
 * `nextRecordsUrl` fetched and parsed in turn by one client (plain `fetch`, as a sync loop would page). Run with
 * `npx tsx salesforce-emulator/src/soql/testing/measureHttp.ts [rows]`.
 */
import { createEmulator } from '../../server.ts';

const rows = Number(process.argv[2] ?? 100_000);
const emulator = createEmulator({ mount: { bulk: false, streaming: false, query: true } });
const url = await emulator.listen(0);
const seedStarted = Date.now();
for (let start = 0; start < rows; start += 1000) {
  const chunk = Array.from({ length: Math.min(1000, rows - start) }, (_, i) => ({
    Name: `Account ${start + i}`,
    Industry: 'Automotive',
    AnnualRevenue: (start + i) * 10,
    NumberOfEmployees: (start + i) % 500,
  }));
  emulator.org.insert('Account', chunk);
}
console.log(`seeded ${rows} accounts in ${Date.now() - seedStarted} ms`);

const { credentials } = emulator;
const token = await fetch(`${url}/services/oauth2/token`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'password',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    username: credentials.username,
    password: credentials.password,
  }),
}).then((response) => response.json() as Promise<{ access_token: string }>);
const headers = { Authorization: `Bearer ${token.access_token}` };

const soql = 'SELECT Id, Name, Industry, AnnualRevenue, NumberOfEmployees, CreatedDate, SystemModstamp, Owner.Name FROM Account ORDER BY SystemModstamp, Id';
for (let round = 1; round <= 3; round++) {
  const started = process.hrtime.bigint();
  let served = 0;
  let next: string | undefined = `/services/data/v60.0/query?q=${encodeURIComponent(soql)}`;
  while (next) {
    const page = (await fetch(`${url}${next}`, { headers }).then((response) => response.json())) as { records: unknown[]; nextRecordsUrl?: string };
    served += page.records.length;
    next = page.nextRecordsUrl;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`round ${round}: ${served} rows in ${seconds.toFixed(3)} s = ${Math.round(served / seconds).toLocaleString('en-US')} rows/s over HTTP`);
}
await emulator.close();
