import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../testing/testEmulator.ts';

let env: TestEmulator;
let conn: Connection;
beforeAll(async () => {
  env = await startTestEmulator();
  conn = await env.login();
});
afterAll(() => env.close());

interface CompositeResponse {
  compositeResponse: { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }[];
}
const base = '/services/data/v60.0';
const composite = (allOrNone: boolean, compositeRequest: unknown[]) => conn.requestPost<CompositeResponse>('/composite', { allOrNone, compositeRequest });

describe('/composite', () => {
  it('later subrequests read earlier results through @{ref.path}', async () => {
    const { compositeResponse: responses } = await composite(true, [
      { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'dealer', body: { Name: 'Autohaus Süd' } },
      { method: 'POST', url: `${base}/sobjects/Contact`, referenceId: 'buyer', body: { LastName: 'Kaufmann', AccountId: '@{dealer.id}' } },
      { method: 'GET', url: `${base}/sobjects/Contact/@{buyer.id}?fields=AccountId`, referenceId: 'check' },
      { method: 'GET', url: `${base}/query?q=SELECT+Id,Name+FROM+Account+WHERE+Id='@{dealer.id}'`, referenceId: 'q' },
      { method: 'PATCH', url: `${base}/sobjects/Account/@{q.records[0].Id}`, referenceId: 'rename', body: { Name: '@{q.records[0].Name} GmbH' } },
    ]);
    expect(responses.map((response) => response.httpStatusCode)).toEqual([201, 201, 200, 200, 204]);
    const dealerId = (responses[0]?.body as { id: string }).id;
    expect(responses[0]?.httpHeaders.Location).toBe(`${base}/sobjects/Account/${dealerId}`);
    expect(responses[2]?.body).toMatchObject({ AccountId: dealerId });
    expect(responses[4]?.body).toBeNull();
    const dealer = (await conn.sobject('Account').retrieve(dealerId)) as { Name: string };
    expect(dealer.Name).toBe('Autohaus Süd GmbH');
  });

  it('allOrNone true: one failure rolls back everything and the others answer PROCESSING_HALTED', async () => {
    const { compositeResponse: responses } = await composite(true, [
      { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'ok', body: { Name: 'Rolled back', L2C_Id__c: 'composite-rb' } },
      { method: 'POST', url: `${base}/sobjects/Contact`, referenceId: 'bad', body: { FirstName: 'No last name', AccountId: '@{ok.id}' } },
      { method: 'GET', url: `${base}/sobjects/Account/@{ok.id}`, referenceId: 'after' },
    ]);
    expect(responses.map((response) => response.httpStatusCode)).toEqual([400, 400, 400]);
    expect(responses[0]?.body).toEqual([{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }]);
    expect(responses[1]?.body).toEqual([{ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] }]);
    expect((await conn.query("SELECT Id FROM Account WHERE L2C_Id__c = 'composite-rb'")).totalSize).toBe(0);
  });

  it('allOrNone false: what succeeded stays; a subrequest that references a failed one cannot run', async () => {
    const { compositeResponse: responses } = await composite(false, [
      { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'kept', body: { Name: 'Kept', L2C_Id__c: 'composite-kept' } },
      { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'failed', body: {} },
      { method: 'POST', url: `${base}/sobjects/Contact`, referenceId: 'orphan', body: { LastName: 'x', AccountId: '@{failed.id}' } },
    ]);
    expect(responses.map((response) => response.httpStatusCode)).toEqual([201, 400, 400]);
    expect(responses[2]?.body).toEqual([{ errorCode: 'PROCESSING_HALTED', message: 'Invalid reference specified. No value for failed.id found in failed.' }]);
    expect((await conn.query("SELECT Id FROM Account WHERE L2C_Id__c = 'composite-kept'")).totalSize).toBe(1);
  });

  it('a collection inside a composite joins its transaction', async () => {
    const { compositeResponse: responses } = await composite(true, [
      { method: 'POST', url: `${base}/composite/sobjects`, referenceId: 'batch', body: { allOrNone: false, records: [{ attributes: { type: 'Account' }, Name: 'In batch', L2C_Id__c: 'composite-batch' }] } },
      { method: 'DELETE', url: `${base}/sobjects/Account/001000000000077`, referenceId: 'missing' },
    ]);
    expect(responses[1]?.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    expect((await conn.query("SELECT Id FROM Account WHERE L2C_Id__c = 'composite-batch'")).totalSize).toBe(0);
  });
});
