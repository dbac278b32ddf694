/**
 * Bulk API 2.0 query jobs through jsforce. `conn.bulk2.query()` is used where results fit one page: jsforce 3.10.16
 * pipes every page into one stream and ends it after the first (jsforce issue #1546, "ERR_STREAM_WRITE_AFTER_END"),
 * so it fails on a real org too when results span pages. Multi-page reads go through jsforce's own HTTP layer
 * (`HttpApi`, as `QueryJobV2` uses it), page by page, following `Sforce-Locator`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type jsforce from 'jsforce';
import { QueryJobV2 } from 'jsforce/lib/api/bulk2.js';
import { HttpApi } from 'jsforce/lib/http-api.js';
import type { Org } from '../org/types.ts';
import { startEmulatorForTests } from './testing/emulatorForTests.ts';
import { startTestEmulator, type TestEmulatorOptions } from './testing/testEmulator.ts';
import { COLUMN_DELIMITERS, LINE_ENDINGS, type ColumnDelimiter, type LineEnding } from './types.ts';

interface Harness {
  org: Org;
  close(): Promise<void>;
}
let emu: Harness;
let conn: jsforce.Connection;

/** The real emulator, as `npm run emulator` serves it. */
beforeEach(async () => {
  const real = await startEmulatorForTests();
  emu = real;
  conn = await real.login();
});
afterEach(() => emu.close());

/**
 * Tests that need Bulk API settings the emulator's `createEmulator` does not expose yet (page size, a minimum
 * processing time) run on the test server, which mounts the same handler the same way.
 */
async function restartWith(options: TestEmulatorOptions): Promise<void> {
  await emu.close();
  const server = await startTestEmulator(options);
  emu = server;
  conn = server.connection();
}

const tag = () => Math.random().toString(36).slice(2, 8);

function openJob(body: { query: string; operation?: 'query' | 'queryAll'; columnDelimiter?: ColumnDelimiter; lineEnding?: LineEnding }) {
  const job = new QueryJobV2(conn, { bodyParams: { operation: 'query', ...body }, pollingOptions: { pollInterval: 20, pollTimeout: 10_000 } });
  return job;
}

interface Page {
  status: number;
  numberOfRecords: string | undefined;
  locator: string | undefined;
  body: string;
}

/** One results request through jsforce's HTTP layer; the raw CSV and the paging headers. */
async function getResults(jobId: string, params: string): Promise<Page> {
  const api = new HttpApi(conn, { responseType: 'text/plain' });
  let page: Omit<Page, 'body'> = { status: 0, numberOfRecords: undefined, locator: undefined };
  api.on('response', (res: { statusCode: number; headers: Record<string, string> }) => {
    page = { status: res.statusCode, numberOfRecords: res.headers['sforce-numberofrecords'], locator: res.headers['sforce-locator'] };
  });
  const body = await api.request<string>({ method: 'GET', url: `${conn.instanceUrl}/services/data/v60.0/jobs/query/${jobId}/results${params}`, headers: { Accept: 'text/csv' } });
  return { ...page, body };
}

/** Every page, following Sforce-Locator until it is the string `null`. */
async function allPages(jobId: string, maxRecords?: number): Promise<Page[]> {
  const pages: Page[] = [];
  let locator: string | undefined;
  do {
    const query = [maxRecords ? `maxRecords=${maxRecords}` : '', locator ? `locator=${locator}` : ''].filter(Boolean).join('&');
    const page = await getResults(jobId, query ? `?${query}` : '');
    pages.push(page);
    locator = page.locator;
  } while (locator && locator !== 'null' && pages.length < 100);
  return pages;
}

describe('Bulk API 2.0 query through jsforce', () => {
  it('conn.bulk2.query returns parent fields flattened to Owner.Name / Parent.Name columns', async () => {
    const t = tag();
    const [parent] = emu.org.insert('Account', [{ Name: `Parent ${t}` }]).map((r) => r.id);
    emu.org.insert('Account', [{ Name: `Child ${t}`, ParentId: parent, NumberOfEmployees: 7 }]);

    const stream = await conn.bulk2.query(`SELECT Id, Name, NumberOfEmployees, Parent.Name, Owner.Name, CreatedDate FROM Account WHERE Name LIKE '%${t}' ORDER BY Name`, { pollInterval: 20 });
    const rows = (await stream.toArray()) as Record<string, string>[];

    expect(rows).toEqual([
      { Id: expect.stringMatching(/^001/), Name: `Child ${t}`, NumberOfEmployees: '7', 'Parent.Name': `Parent ${t}`, 'Owner.Name': 'Integration User', CreatedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) },
      { Id: parent, Name: `Parent ${t}`, NumberOfEmployees: '', 'Parent.Name': '', 'Owner.Name': 'Integration User', CreatedDate: expect.any(String) },
    ]);
  });

  it('pages results by maxRecords with Sforce-Locator, the last page answering the string null', async () => {
    const t = tag();
    emu.org.insert('Account', Array.from({ length: 25 }, (_, i) => ({ Name: `Paged ${t} ${String(i).padStart(2, '0')}` })));
    const job = openJob({ query: `SELECT Id, Name FROM Account WHERE Name LIKE 'Paged ${t}%' ORDER BY Name` });
    const info = await job.open();
    expect(info).toMatchObject({ id: expect.stringMatching(/^750/), operation: 'query', object: 'Account', state: 'UploadComplete', concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: 60, lineEnding: 'LF', columnDelimiter: 'COMMA' });
    await job.poll(20, 10_000);
    expect(await job.check()).toMatchObject({ state: 'JobComplete', jobType: 'V2Query', numberRecordsProcessed: 25, retries: 0 });

    const pages = await allPages(job.id, 10);
    expect(pages.map((p) => [p.status, p.numberOfRecords])).toEqual([
      [200, '10'],
      [200, '10'],
      [200, '5'],
    ]);
    expect(pages.at(-1)?.locator).toBe('null');
    expect(pages.slice(0, -1).every((p) => p.locator && p.locator !== 'null')).toBe(true);
    const lines = pages.flatMap((p) => p.body.trimEnd().split('\n'));
    expect(lines.filter((l) => l === '"Id","Name"')).toHaveLength(3); // each page starts with the header
    expect(lines.filter((l) => l !== '"Id","Name"').map((l) => l.split(',')[1])).toEqual(Array.from({ length: 25 }, (_, i) => `"Paged ${t} ${String(i).padStart(2, '0')}"`));
  });

  it('uses the server page size when maxRecords is absent', async () => {
    await restartWith({ bulk: { defaultMaxRecords: 4 } });
    emu.org.insert('Account', Array.from({ length: 9 }, (_, i) => ({ Name: `Default ${i}` })));
    const job = openJob({ query: "SELECT Name FROM Account WHERE Name LIKE 'Default %'" });
    await job.open();
    await job.poll(20, 10_000);
    expect((await allPages(job.id)).map((p) => p.numberOfRecords)).toEqual(['4', '4', '1']);
  });

  const combos = (Object.keys(COLUMN_DELIMITERS) as ColumnDelimiter[]).flatMap((d) => (Object.keys(LINE_ENDINGS) as LineEnding[]).map((e) => [d, e] as const));
  it.each(combos)('writes results delimited by %s with %s line endings', async (columnDelimiter, lineEnding) => {
    const t = tag();
    emu.org.insert('Account', [{ Name: `Delim "${t}"`, Description: 'a,b|c;d^e`f\tg' }]);
    const job = openJob({ query: `SELECT Name, Description FROM Account WHERE Name LIKE '%${t}%'`, columnDelimiter, lineEnding });
    await job.open();
    await job.poll(20, 10_000);
    const [page] = await allPages(job.id);
    const d = COLUMN_DELIMITERS[columnDelimiter];
    const eol = LINE_ENDINGS[lineEnding];
    expect(page?.body).toBe(`"Name"${d}"Description"${eol}"Delim ""${t}"""${d}"a,b|c;d^e\`f\tg"${eol}`);
  });

  it('answers results of an unfinished job with 412 JOB_NOT_COMPLETE', async () => {
    await restartWith({ bulk: { processing: { minProcessingMs: 400 } } });
    const job = openJob({ query: 'SELECT Id FROM Account' });
    await job.open();
    await expect(conn.bulk2.job('query', { id: job.id }).result()).rejects.toMatchObject({
      errorCode: 'JOB_NOT_COMPLETE',
      message: expect.stringMatching(/^can only download query results of successfully completed bulk job with status: JOB_COMPLETE\. Current status: (UPLOAD_COMPLETE|IN_PROGRESS)$/),
    });
    await job.poll(20, 10_000);
    expect((await getResults(job.id, '')).status).toBe(200);
  });

  it('queryAll includes deleted records, query does not', async () => {
    const t = tag();
    const ids = emu.org.insert('Account', [{ Name: `Kept ${t}` }, { Name: `Gone ${t}` }]).map((r) => r.id as string);
    emu.org.delete([ids[1] as string]);
    const read = async (operation: 'query' | 'queryAll') => {
      const job = openJob({ operation, query: `SELECT Name, IsDeleted FROM Account WHERE Name LIKE '%${t}' ORDER BY Name` });
      await job.open();
      await job.poll(20, 10_000);
      return (await allPages(job.id))[0]?.body;
    };
    expect(await read('query')).toBe(`"Name","IsDeleted"\n"Kept ${t}","false"\n`);
    expect(await read('queryAll')).toBe(`"Name","IsDeleted"\n"Gone ${t}","true"\n"Kept ${t}","false"\n`);
  });

  it('refuses bad or unsupported queries when the job is created', async () => {
    await expect(openJob({ query: 'SELECT Id FROM' }).open()).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    await expect(openJob({ query: 'SELECT Nope__c FROM Account' }).open()).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(openJob({ query: 'SELECT Id, (SELECT Id FROM Contacts) FROM Account' }).open()).rejects.toMatchObject({ errorCode: 'INVALIDJOB' });
    await expect(openJob({ query: 'SELECT COUNT() FROM Account' }).open()).rejects.toMatchObject({ errorCode: 'INVALIDJOB' });
  });

  it('aborts and deletes query jobs', async () => {
    await restartWith({ bulk: { processing: { minProcessingMs: 2_000 } } });
    const job = openJob({ query: 'SELECT Id FROM Account' });
    await job.open();
    expect((await job.abort()).state).toBe('Aborted');
    await expect(job.poll(20, 10_000)).rejects.toThrow('Job has been aborted');
    await expect(conn.bulk2.job('query', { id: job.id }).result()).rejects.toMatchObject({ errorCode: 'JOB_NOT_COMPLETE', message: expect.stringContaining('Current status: ABORTED') });
    const list = await conn.request<{ records: { id: string; jobType: string }[] }>('/services/data/v60.0/jobs/query');
    expect(list.records).toContainEqual(expect.objectContaining({ id: job.id, jobType: 'V2Query', state: 'Aborted' }));
    await job.delete();
    await expect(job.check()).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});
