/**
 * The query service through jsforce against the emulator's real HTTP server on a free port: `query`, `queryMore`
 * across 10,000+ rows, `autoFetch`, the batch size header, `queryAll`, errors, child subqueries and SOSL. Records
 * are seeded through the org directly; every query goes over the wire as a real-org client's would.
 */
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../server.ts';

const ROWS = 10_500;
const tag = `Paged ${Math.random().toString(36).slice(2, 8)}`;
let emulator: Emulator;
let conn: jsforce.Connection;
let parentId: string;

beforeAll(async () => {
  emulator = createEmulator();
  const url = await emulator.listen(0);
  const { org, credentials } = emulator;
  for (let start = 0; start < ROWS; start += 500) {
    const chunk = Array.from({ length: Math.min(500, ROWS - start) }, (_, i) => ({ Name: `${tag} ${String(start + i).padStart(5, '0')}`, NumberOfEmployees: start + i }));
    for (const result of org.insert('Account', chunk)) expect(result.success).toBe(true);
  }
  const [parent] = org.insert('Account', [{ Name: `${tag} parent`, Industry: 'Automotive' }]);
  parentId = parent!.id!;
  org.insert('Contact', [
    { LastName: 'Ng', FirstName: 'Carla', AccountId: parentId, Email: 'carla.ng@acme.test' },
    { LastName: 'Zed', AccountId: parentId },
  ]);
  conn = new jsforce.Connection({
    version: '60.0',
    oauth2: { loginUrl: url, clientId: credentials.clientId, clientSecret: credentials.clientSecret },
  });
  await conn.login(credentials.username, credentials.password);
});

afterAll(async () => {
  await emulator?.close();
});

const pagedSoql = `SELECT Id, Name, NumberOfEmployees FROM Account WHERE Name LIKE '${tag}%' AND NumberOfEmployees != null ORDER BY NumberOfEmployees`;

describe('SOQL through jsforce', () => {
  it('query returns the first 2000 rows and a locator; queryMore walks every page to the end', async () => {
    const first = await conn.query<{ Id: string; NumberOfEmployees: number }>(pagedSoql);
    expect(first.totalSize).toBe(ROWS);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(2000);
    // jsforce hands back its own absolute form of the locator URL; the wire form is checked below with a raw request.
    expect(first.nextRecordsUrl).toBe(`${emulator.url}/services/data/v60.0/query/${first.nextRecordsUrl!.split('/').pop()}`);
    expect(first.nextRecordsUrl).toMatch(/\/query\/01g[0-9A-Za-z]{15}-2000$/);
    const seen = first.records.map((record) => record.NumberOfEmployees);
    let page = first;
    let pages = 1;
    while (!page.done) {
      page = await conn.queryMore<{ Id: string; NumberOfEmployees: number }>(page.nextRecordsUrl!);
      pages++;
      seen.push(...page.records.map((record) => record.NumberOfEmployees));
    }
    expect(pages).toBe(6);
    expect(seen).toEqual(Array.from({ length: ROWS }, (_, i) => i));
  });

  it('autoFetch follows the locators itself up to maxFetch', async () => {
    const records = await conn.query(pagedSoql).run({ autoFetch: true, maxFetch: 20_000, responseTarget: 'Records' });
    expect(records).toHaveLength(ROWS);
    const truncated = await conn.query(pagedSoql).run({ autoFetch: true, responseTarget: 'Records' });
    expect(truncated).toHaveLength(10_000);
  });

  it('honours Sforce-Query-Options: batchSize on every page, clamped to 200-2000', async () => {
    const headers = { 'Sforce-Query-Options': 'batchSize=500' };
    const first = await conn.query(pagedSoql, { headers });
    expect(first.records).toHaveLength(500);
    expect(first.nextRecordsUrl).toMatch(/-500$/);
    // queryMore's options type wants every option spelled out.
    const second = await conn.queryMore(first.nextRecordsUrl!, { headers, maxFetch: 10_000, autoFetch: false, scanAll: false, responseTarget: 'QueryResult' });
    expect(second.records).toHaveLength(500);
    expect(second.nextRecordsUrl).toMatch(/-1000$/);
    const tiny = await conn.query(pagedSoql, { headers: { 'Sforce-Query-Options': 'batchSize=10' } });
    expect(tiny.records).toHaveLength(200);
  });

  it('queryAll sees the recycle bin with IsDeleted = true, and its locators page too', async () => {
    const [gone] = emulator.org.insert('Account', [{ Name: `${tag} deleted` }]);
    emulator.org.delete([gone!.id!]);
    const soql = `SELECT Id, Name, IsDeleted FROM Account WHERE Name = '${tag} deleted'`;
    expect((await conn.query(soql)).totalSize).toBe(0);
    // jsforce 3 has no conn.queryAll: scanAll sends the query to /queryAll.
    const all = await conn.query<{ Id: string; IsDeleted: boolean }>(soql, { scanAll: true });
    expect(all.records).toMatchObject([{ Id: gone!.id, IsDeleted: true }]);
    const paged = await conn.query(pagedSoql, { scanAll: true });
    expect((await conn.queryMore(paged.nextRecordsUrl!)).records).toHaveLength(2000);
    const raw = await conn.request<{ totalSize: number; nextRecordsUrl: string }>(`/services/data/v60.0/queryAll?q=${encodeURIComponent(pagedSoql)}`);
    expect(raw).toMatchObject({ totalSize: ROWS, done: false, nextRecordsUrl: expect.stringMatching(/^\/services\/data\/v60\.0\/queryAll\/01g[0-9A-Za-z]{15}-2000$/) });
  });

  it("returns parents, children and COUNT() in Salesforce's shapes", async () => {
    const result = await conn.query(`SELECT Name, (SELECT LastName, Account.Name FROM Contacts ORDER BY LastName) FROM Account WHERE Id = '${parentId}'`);
    expect(result.records[0]).toEqual({
      attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${parentId}` },
      Name: `${tag} parent`,
      Contacts: {
        totalSize: 2,
        done: true,
        records: [
          expect.objectContaining({ attributes: expect.objectContaining({ type: 'Contact' }), LastName: 'Ng', Account: expect.objectContaining({ Name: `${tag} parent` }) }),
          expect.objectContaining({ LastName: 'Zed' }),
        ],
      },
    });
    expect(await conn.query(`SELECT COUNT() FROM Account WHERE Name LIKE '${tag}%'`)).toMatchObject({ totalSize: ROWS + 1, done: true, records: [] });
    const found = await conn.sobject('Account').find({ Name: `${tag} parent` }, ['Id', 'Industry']);
    expect(found).toEqual([expect.objectContaining({ Id: parentId, Industry: 'Automotive' })]);
  });

  it('rejects with errors named by their Salesforce code', async () => {
    await expect(conn.query('SELECT Foo FROM Account')).rejects.toMatchObject({
      name: 'INVALID_FIELD',
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'Foo' on entity 'Account'"),
    });
    await expect(conn.query('SELECT Id FROM Account WHERE')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    await expect(conn.query('SELECT Id FROM Nope__c')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
    await expect(conn.queryMore('01g000000000000AAA-2000')).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
  });

  it('searches with SOSL', async () => {
    const result = await conn.search(`FIND {carla.ng@acme.test} IN EMAIL FIELDS RETURNING Contact(LastName, Account.Name)`);
    expect(result.searchRecords).toEqual([expect.objectContaining({ LastName: 'Ng', Account: expect.objectContaining({ Name: `${tag} parent` }) })]);
  });
});
