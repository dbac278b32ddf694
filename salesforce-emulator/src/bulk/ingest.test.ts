import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type jsforce from 'jsforce';
import { startEmulatorForTests, type EmulatorForTests } from './testing/emulatorForTests.ts';
import { COLUMN_DELIMITERS, LINE_ENDINGS, type ColumnDelimiter, type LineEnding } from './types.ts';

let emu: EmulatorForTests;
let conn: jsforce.Connection;

beforeEach(async () => {
  emu = await startEmulatorForTests();
  conn = await emu.login();
  conn.bulk2.pollInterval = 20;
  conn.bulk2.pollTimeout = 20_000;
});
afterEach(() => emu.close());

const tag = () => Math.random().toString(36).slice(2, 8);

/** A column of a parsed result row (jsforce types only the sf__ columns). */
function col(row: object, name: string): unknown {
  return (row as Record<string, unknown>)[name];
}

async function lastJobId(): Promise<string | undefined> {
  const list = await conn.request<{ records: { id: string }[] }>('/services/data/v60.0/jobs/ingest');
  return list.records.at(-1)?.id;
}

/** Accounts straight into the org, returning their IDs. */
function seedAccounts(names: string[]): string[] {
  return emu.org.insert('Account', names.map((Name) => ({ Name, L2C_Id__c: `L2C-${Name}` }))).map((r) => r.id as string);
}

describe('Bulk API 2.0 ingest through jsforce', () => {
  it('inserts rows, reporting failing ones with sf__Error and the uploaded values', async () => {
    const t = tag();
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: [
        { Name: `Acme ${t}`, L2C_Id__c: `A-${t}`, NumberOfEmployees: '12' },
        { Name: '', L2C_Id__c: `B-${t}`, NumberOfEmployees: '3' },
        { Name: `Bad "employees", ${t}`, L2C_Id__c: `C-${t}`, NumberOfEmployees: 'twelve' },
        { Name: `Nulled ${t}`, L2C_Id__c: null, NumberOfEmployees: '1' },
      ],
    });

    expect(results.successfulResults.map((r) => [r.sf__Created, col(r, 'Name')])).toEqual([
      ['true', `Acme ${t}`],
      ['true', `Nulled ${t}`],
    ]);
    const acme = emu.org.get(results.successfulResults[0]?.sf__Id as string);
    expect(acme).toMatchObject({ Name: `Acme ${t}`, L2C_Id__c: `A-${t}`, NumberOfEmployees: 12 });
    expect(results.successfulResults[0]?.sf__Id).toMatch(/^001[A-Za-z0-9]{15}$/);
    expect(emu.org.get(results.successfulResults[1]?.sf__Id as string)?.L2C_Id__c).toBeNull();

    expect(results.failedResults).toEqual([
      { sf__Id: '', sf__Error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --', Name: '', L2C_Id__c: `B-${t}`, NumberOfEmployees: '3' },
      expect.objectContaining({ sf__Id: '', sf__Error: expect.stringMatching(/^INVALID_TYPE_ON_FIELD_IN_RECORD:.*twelve.*:NumberOfEmployees --$/), Name: `Bad "employees", ${t}` }),
    ]);
    expect(results.unprocessedRecords).toEqual([]);
  });

  const combos = (Object.keys(COLUMN_DELIMITERS) as ColumnDelimiter[]).flatMap((d) => (Object.keys(LINE_ENDINGS) as LineEnding[]).map((e) => [d, e] as const));
  it.each(combos)('reads and answers CSV delimited by %s with %s line endings', async (columnDelimiter, lineEnding) => {
    const d = COLUMN_DELIMITERS[columnDelimiter];
    const eol = LINE_ENDINGS[lineEnding];
    const t = tag();
    const csv = [
      ['Name', 'Description', 'NumberOfEmployees'].join(d),
      [`"Quoted ${d} name ${t}"`, `"two${eol}lines, ""quoted"""`, '5'].join(d),
      [`Plain ${t}`, '#N/A', ''].join(d),
      [`""`, 'no name', '1'].join(d),
    ].join(eol) + eol;

    const results = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', columnDelimiter, lineEnding, input: csv });

    expect(results.successfulResults.map((r) => col(r, 'Name'))).toEqual([`Quoted ${d} name ${t}`, `Plain ${t}`]);
    const quoted = emu.org.get(results.successfulResults[0]?.sf__Id as string);
    expect(quoted).toMatchObject({ Name: `Quoted ${d} name ${t}`, Description: `two${eol}lines, "quoted"`, NumberOfEmployees: 5 });
    expect(emu.org.get(results.successfulResults[1]?.sf__Id as string)).toMatchObject({ Description: null, NumberOfEmployees: null });
    expect(results.failedResults).toEqual([expect.objectContaining({ sf__Error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --', Description: 'no name' })]);

    const raw = (await conn.bulk2.job('ingest', { id: (await lastJobId()) as string }).getSuccessfulResults(true)) as unknown as string;
    expect(raw.startsWith(`"sf__Id"${d}"sf__Created"${d}Name${d}Description${d}NumberOfEmployees${eol}`)).toBe(true);
  });

  it('updates by Id: unknown, missing and wrong-object IDs fail, #N/A clears a field, empty cells leave it', async () => {
    const [a, b] = seedAccounts([`U1-${tag()}`, `U2-${tag()}`]);
    emu.org.update('Account', [{ Id: a, Phone: '555-0100', Website: 'https://a.example' }]);
    const contact = emu.org.insert('Contact', [{ LastName: 'Wrong object' }])[0]?.id as string;
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'update',
      input: `Id,Phone,Website\n${a},#N/A,\n${b},555-0199,https://b.example\n001000000000000AAA,1,\n,2,\n${contact},3,\n`,
    });

    expect(results.successfulResults.map((r) => [r.sf__Id, r.sf__Created])).toEqual([
      [a, 'false'],
      [b, 'false'],
    ]);
    expect(emu.org.get(a as string)).toMatchObject({ Phone: null, Website: 'https://a.example' });
    expect(emu.org.get(b as string)).toMatchObject({ Phone: '555-0199', Website: 'https://b.example' });
    expect(results.failedResults.map((r) => r.sf__Error)).toEqual([
      expect.stringMatching(/^(ENTITY_IS_DELETED|INVALID_CROSS_REFERENCE_KEY|MALFORMED_ID|NOT_FOUND):/),
      'MISSING_ARGUMENT:Id not specified in an update call:--',
      `MALFORMED_ID:Account ID: id value of incorrect type: ${contact}:Id --`,
    ]);
  });

  it('upserts by external ID, including a lookup by the parent external ID (Account.L2C_Id__c)', async () => {
    const t = tag();
    seedAccounts([`P-${t}`]);
    const existing = emu.org.insert('Contact', [{ LastName: 'Before', L2C_Id__c: `C1-${t}` }])[0]?.id;
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'upsert',
      externalIdFieldName: 'L2C_Id__c',
      input: [
        { L2C_Id__c: `C1-${t}`, LastName: 'After', 'Account.L2C_Id__c': `L2C-P-${t}` },
        { L2C_Id__c: `C2-${t}`, LastName: 'New', 'Account.L2C_Id__c': `L2C-P-${t}` },
        { L2C_Id__c: `C3-${t}`, LastName: 'Orphan', 'Account.L2C_Id__c': `missing-${t}` },
      ],
    });

    const parent = emu.org.findBy('Account', 'L2C_Id__c', `L2C-P-${t}`)[0]?.Id;
    expect(results.successfulResults.map((r) => [r.sf__Id === existing, r.sf__Created, col(r, 'LastName')])).toEqual([
      [true, 'false', 'After'],
      [false, 'true', 'New'],
    ]);
    for (const row of results.successfulResults) expect(emu.org.get(row.sf__Id as string)?.AccountId).toBe(parent);
    expect(results.failedResults).toEqual([
      expect.objectContaining({ sf__Error: `INVALID_FIELD:Foreign key external ID: missing-${t} not found for field L2C_Id__c in entity Account:--`, LastName: 'Orphan' }),
    ]);
  });

  it('deletes and hard-deletes by Id, failing rows that name no record', async () => {
    const [a, b, c] = seedAccounts([`D1-${tag()}`, `D2-${tag()}`, `D3-${tag()}`]);
    const soft = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'delete', input: `Id\n${a}\n${b}\n001000000000000AAA\n` });
    expect(soft.successfulResults.map((r) => [r.sf__Id, r.sf__Created])).toEqual([
      [a, 'false'],
      [b, 'false'],
    ]);
    expect(soft.failedResults).toHaveLength(1);
    expect(emu.org.get(a as string)).toBeUndefined();
    expect(emu.org.get(a as string, { includeDeleted: true })).toBeDefined();

    const hard = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'hardDelete', input: `Id\n${c}\n` });
    expect(hard.successfulResults.map((r) => r.sf__Id)).toEqual([c]);
    expect(emu.org.get(c as string, { includeDeleted: true })).toBeUndefined();
  });
});

describe('Bulk API 2.0 ingest job lifecycle through jsforce', () => {
  it('creates an Open job with Salesforce JobInfo, then reports counters once complete', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert', lineEnding: 'LF' });
    const created = await job.open();
    expect(created).toEqual({
      id: expect.stringMatching(/^750[A-Za-z0-9]{15}$/),
      operation: 'insert',
      object: 'Account',
      createdById: conn.userInfo?.id,
      createdDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
      systemModstamp: expect.any(String),
      state: 'Open',
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: 60,
      contentUrl: `services/data/v60.0/jobs/ingest/${created.id}/batches`,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
    });
    await job.uploadData(`Name\nOne ${tag()}\n\nTwo\n`);
    await job.close();
    expect(job.getInfo().state).toBe('UploadComplete');
    await job.poll(20, 10_000);
    expect(await job.check()).toMatchObject({ state: 'JobComplete', jobType: 'V2Ingest', numberRecordsProcessed: 2, numberRecordsFailed: 0, retries: 0, apexProcessingTime: 0 });

    const list = await conn.request<{ done: boolean; records: { id: string; jobType: string }[] }>('/services/data/v60.0/jobs/ingest');
    expect(list.done).toBe(true);
    expect(list.records).toContainEqual(expect.objectContaining({ id: created.id, jobType: 'V2Ingest', state: 'JobComplete' }));
    expect((await conn.request<{ records: unknown[] }>('/services/data/v60.0/jobs/ingest?jobType=Classic')).records).toEqual([]);
    await job.delete();
    await expect(job.check()).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('refuses actions the job state does not allow, as Salesforce does', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await expect(job.delete()).rejects.toMatchObject({ errorCode: 'INVALIDJOBSTATE' });
    await job.uploadData('Name\nx\n');
    const again = conn.bulk2.job('ingest', { id: job.id });
    await expect(again.uploadData('Name\ny\n')).rejects.toMatchObject({ errorCode: 'BULK_API_ERROR', message: expect.stringContaining('Found multiple contents for job') });
    await job.close();
    await expect(job.close()).rejects.toMatchObject({ errorCode: 'INVALIDJOBSTATE' });
    await job.poll(20, 10_000);
    await expect(conn.bulk2.job('ingest', { id: job.id }).uploadData('Name\nz\n')).rejects.toMatchObject({ errorCode: 'INVALIDJOBSTATE' });
    await expect(job.abort()).rejects.toMatchObject({ errorCode: 'INVALIDJOBSTATE' });
    await expect(conn.bulk2.createJob({ object: 'Nope__c', operation: 'insert' }).open()).rejects.toMatchObject({ errorCode: 'INVALIDJOB' });
    await expect(conn.bulk2.createJob({ object: 'Account', operation: 'upsert' }).open()).rejects.toMatchObject({ errorCode: 'INVALIDJOB' });
    await expect(conn.bulk2.job('ingest', { id: '750000000000000AAA' }).check()).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('fails the whole job on a header it cannot read, leaving every row unprocessed', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.uploadData('Name,Nope__c\na,1\nb,2\n');
    await job.close();
    await expect(job.poll(20, 10_000)).rejects.toThrow('Ingest job failed to complete due to: InvalidBatch : Field name not found : Nope__c');
    expect(await job.check()).toMatchObject({ state: 'Failed', numberRecordsProcessed: 0, numberRecordsFailed: 0, errorMessage: 'InvalidBatch : Field name not found : Nope__c' });
    expect(await job.getUnprocessedRecords()).toEqual([
      { Name: 'a', Nope__c: '1' },
      { Name: 'b', Nope__c: '2' },
    ]);
  });

  it('fails a job whose data does not use its line ending', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert', lineEnding: 'LF' });
    await job.open();
    await job.uploadData('Name\r\na\r\n');
    await job.close();
    await expect(job.poll(20, 10_000)).rejects.toThrow('ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF');
  });

  it('fails a job whose data is not CSV, writing none of it', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    const name = `Unclosed ${tag()}`;
    await job.uploadData(`Name\n${name}\n"never closed\n`);
    await job.close();
    await expect(job.poll(20, 10_000)).rejects.toThrow(/ClientInputError : Failed to parse the CSV data: Quote Not Closed/);
    expect((await conn.query(`SELECT Id FROM Account WHERE Name = '${name}'`)).totalSize).toBe(0);
  });

  it('aborts an uploaded job: nothing is written and the rows are unprocessed', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    const name = `Aborted ${tag()}`;
    await job.uploadData(`Name\n${name}\n`);
    await job.abort();
    expect(job.getInfo().state).toBe('Aborted');
    await expect(job.poll(20, 10_000)).rejects.toThrow('Job has been aborted');
    expect(await job.getUnprocessedRecords()).toEqual([{ Name: name }]);
    expect(emu.org.findBy('Account', 'Name', name)).toEqual([]);
  });
});
