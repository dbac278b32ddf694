import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkClient, SalesforceClient, SalesforceError } from '@l2c/shared';
import { startTestOrg, type TestOrg } from '@l2c/test-support/sync';

let org: TestOrg;
beforeAll(async () => {
  org = await startTestOrg();
});
afterAll(() => org.close());

async function rejection(promise: Promise<unknown>): Promise<SalesforceError> {
  try {
    await promise;
  } catch (error) {
    return error as SalesforceError;
  }
  throw new Error('expected a rejection');
}

describe('SalesforceClient against the emulator', () => {
  it('logs in with client credentials, counts calls and reads Sforce-Limit-Info', async () => {
    const client = await org.connect();
    const describe = await client.describe('Lead');
    expect(describe.fields.some((f) => f.name === 'L2C_Id__c' && f.externalId)).toBe(true);
    await client.describe('Lead'); // cached: no second call
    expect(client.apiCalls).toBe(1);
    expect(client.apiUsage?.limit).toBeGreaterThan(0);
  });

  it('pages a query by hand with the locator, never more than asked', async () => {
    const client = await org.connect();
    const records = Array.from({ length: 450 }, (_, i) => ({ L2C_Id__c: `page-${i}`, LastName: `Page ${i}`, Company: 'Paging' }));
    for (let i = 0; i < records.length; i += 200) await client.upsert('Lead', 'L2C_Id__c', records.slice(i, i + 200));
    const first = await client.query("SELECT Id, LastName FROM Lead WHERE Company = 'Paging'", { batchSize: 200 });
    expect(first.totalSize).toBe(450);
    expect(first.records).toHaveLength(200);
    expect(first.nextRecordsUrl).toBeDefined();
    const second = await client.queryMore(first.nextRecordsUrl!);
    const third = await client.queryMore(second.nextRecordsUrl!);
    expect(second.records.length + third.records.length).toBe(250);
    expect(third.done).toBe(true);
  });

  it('upserts by external ID idempotently and reports per-record errors with their codes', async () => {
    const client = await org.connect();
    const first = await client.upsert('Lead', 'L2C_Id__c', [{ L2C_Id__c: 'idem-1', LastName: 'Idem', Company: 'X' }, { L2C_Id__c: 'idem-2', Company: 'X' }]);
    expect(first[0]).toMatchObject({ success: true, created: true });
    expect(first[1]).toMatchObject({ success: false });
    expect(first[1]!.errors[0]!.statusCode).toBe('REQUIRED_FIELD_MISSING');
    const again = await client.upsert('Lead', 'L2C_Id__c', [{ L2C_Id__c: 'idem-1', LastName: 'Idem', Company: 'X' }]);
    expect(again[0]).toMatchObject({ success: true, created: false, id: first[0]!.id });
  });

  it('retries a 503 and a dropped connection with backoff, even on an idempotent PATCH', async () => {
    const client = await org.connect();
    await org.fault({ kind: 'unavailable', path: '/query', count: 2 });
    const page = await client.query('SELECT Id FROM Lead LIMIT 1');
    expect(page.records).toHaveLength(1);
    await org.fault({ kind: 'drop', path: '/composite/sobjects/Lead/L2C_Id__c', count: 1 });
    const results = await client.upsert('Lead', 'L2C_Id__c', [{ L2C_Id__c: 'drop-1', LastName: 'Drop', Company: 'X' }]);
    expect(results[0]).toMatchObject({ success: true });
    const found = await client.query("SELECT Id FROM Lead WHERE L2C_Id__c = 'drop-1'");
    expect(found.totalSize).toBe(1);
  });

  it('logs in again when the session expires (client credentials return no refresh token)', async () => {
    const client = await org.connect();
    await org.fault({ kind: 'expiredSession', path: '/limits' });
    const limits = await client.limits();
    expect(limits.DailyApiRequests?.Max).toBeGreaterThan(0);
  });

  it('normalises errors: code, fields, status, retryable', async () => {
    const client = await org.connect();
    const invalid = await rejection(client.query('SELECT Nope__c FROM Lead'));
    expect(invalid).toBeInstanceOf(SalesforceError);
    expect(invalid).toMatchObject({ errorCode: 'INVALID_FIELD', status: 400, retryable: false });
    await org.control('PUT', 'api-usage', { used: 100_000, limit: 100_000 });
    try {
      const limited = await rejection(client.query('SELECT Id FROM Lead LIMIT 1'));
      expect(limited).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', status: 403, retryable: true });
    } finally {
      await org.control('PUT', 'api-usage', { used: 0 });
    }
  });

  it('refuses bad credentials with the OAuth error', async () => {
    const error = await rejection(SalesforceClient.connect(org.clientOptions({ auth: { kind: 'client_credentials', loginUrl: org.url, clientId: 'nope', clientSecret: 'nope' } })));
    expect(error).toBeInstanceOf(SalesforceError);
    expect(error.source).toBe('auth');
    expect(error.retryable).toBe(false);
  });

  it('runs a Bulk API 2.0 query and reads it a page at a time', async () => {
    const client = await org.connect();
    const bulk = new BulkClient(client);
    const job = await bulk.createQueryJob("SELECT Id, LastName, L2C_Id__c FROM Lead WHERE Company = 'Paging'");
    await bulk.waitFor('query', job.id, { pollMs: 20 });
    const first = await bulk.queryResults(job.id, { maxRecords: 300 });
    expect(first.rows).toHaveLength(300);
    expect(first.locator).not.toBeNull();
    const second = await bulk.queryResults(job.id, { locator: first.locator, maxRecords: 300 });
    expect(second.rows).toHaveLength(150);
    expect(second.locator).toBeNull();
  });

  it('ingests through Bulk API 2.0 and reads successes and failures', async () => {
    const client = await org.connect();
    const bulk = new BulkClient(client);
    const job = await bulk.startIngest('Lead', 'upsert', ['L2C_Id__c', 'LastName', 'Company'], [{ L2C_Id__c: 'bulk-1', LastName: 'Bulk, One', Company: 'B' }, { L2C_Id__c: 'bulk-2', LastName: null, Company: 'B' }], 'L2C_Id__c');
    await bulk.waitFor('ingest', job.id, { pollMs: 20 });
    const results = await bulk.ingestResults(job.id);
    const ok = results.find((r) => r.values.L2C_Id__c === 'bulk-1');
    const bad = results.find((r) => r.values.L2C_Id__c === 'bulk-2');
    expect(ok).toMatchObject({ created: true, error: null });
    expect(ok?.sfId).toMatch(/^00Q/);
    expect(bad?.error?.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(bad?.error?.fields).toContain('LastName');
  });
});
