import { describe, expect, it } from 'vitest';
import { queryRoutes, type QueryApiRequest } from './routes.ts';
import { SoqlService } from './service.ts';
import { fixtureOrg } from './testing/fixtureOrg.ts';

const org = fixtureOrg();
for (let i = 0; i < 450; i++) org.records.add('Account', { Name: `Acme ${i}` });
const service = new SoqlService({
  org: {
    schema: org.schema,
    get: (id, options) => org.records.get(id, options),
    records: (type, options) => org.records.records(type, options),
    children: (type, field, parentId, options) => org.records.children(type, field, parentId, options),
    now: () => new Date('2026-11-23T10:15:30.000Z'),
  },
});
const routes = queryRoutes(service);

function call(path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}, method = 'GET') {
  const request: QueryApiRequest = { method, path, version: '60.0', query: new URLSearchParams(params), headers, session: { userId: '005000000000001AAA' } };
  const route = routes.find((candidate) => candidate.pattern.test(path));
  if (!route) throw new Error(`no route for ${path}`);
  return route.handler(request);
}

describe('query routes', () => {
  it('serve /query with the Sforce-Query-Options batch size, then /query/<locator>', () => {
    const first = call('/query', { q: 'SELECT Id FROM Account' }, { 'sforce-query-options': 'batchSize=200' });
    expect(first.status).toBe(200);
    const body = first.body as { totalSize: number; nextRecordsUrl: string; records: unknown[] };
    expect(body).toMatchObject({ totalSize: 450, done: false });
    expect(body.records).toHaveLength(200);
    const path = body.nextRecordsUrl.replace('/services/data/v60.0', '');
    expect(call(path).body).toMatchObject({ done: false, nextRecordsUrl: expect.stringMatching(/-400$/) });
    expect(call(path.replace('/query/', '/queryAll/')).status).toBe(200);
  });

  it('answer errors in REST form with their status', () => {
    expect(call('/query', { q: 'SELECT Nope FROM Account' })).toMatchObject({ status: 400, body: [{ errorCode: 'INVALID_FIELD' }] });
    expect(call('/query')).toEqual({ status: 400, body: [{ errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' }] });
    expect(call('/query/01gAAAAAAAAAAAAAAA-2000')).toEqual({ status: 400, body: [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }] });
    expect(call('/query', { q: 'SELECT Id FROM Account' }, {}, 'POST')).toMatchObject({ status: 405, body: [{ errorCode: 'METHOD_NOT_ALLOWED' }] });
  });

  it('serve /search', () => {
    expect(call('/search', { q: 'FIND {acme} RETURNING Account(Name LIMIT 2)' })).toMatchObject({ status: 200, body: { searchRecords: [{ Name: 'Acme 0' }, { Name: 'Acme 1' }] } });
  });
});
