import { describe, expect, it } from 'vitest';
import { SoqlError } from './errors.ts';
import { batchSizeFromHeader, SoqlService, type ServiceOrg } from './service.ts';
import { fixtureOrg } from './testing/fixtureOrg.ts';

function bigOrg(accounts: number) {
  const org = fixtureOrg();
  for (let i = 0; i < accounts; i++) org.records.add('Account', { Name: `Account ${String(i).padStart(6, '0')}`, NumberOfEmployees: i });
  org.records.add('Account', { Name: 'Deleted one' }, { deleted: true });
  const serviceOrg: ServiceOrg = {
    schema: org.schema,
    get: (id, options) => org.records.get(id, options),
    records: (type, options) => org.records.records(type, options),
    children: (type, field, parentId, options) => org.records.children(type, field, parentId, options),
    now: () => new Date('2026-11-23T10:15:30.000Z'),
  };
  return { org, serviceOrg };
}

function thrown(run: () => unknown): SoqlError {
  try {
    run();
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('batchSizeFromHeader', () => {
  it("reads Sforce-Query-Options and clamps to Salesforce's 200–2000", () => {
    expect(batchSizeFromHeader('batchSize=500')).toBe(500);
    expect(batchSizeFromHeader('batchSize=50')).toBe(200);
    expect(batchSizeFromHeader('batchSize=5000')).toBe(2000);
    expect(batchSizeFromHeader(undefined)).toBe(2000);
    expect(batchSizeFromHeader('nonsense')).toBe(2000);
    expect(batchSizeFromHeader(['batchSize=300'])).toBe(300);
  });
});

describe('SoqlService paging', () => {
  const { org, serviceOrg } = bigOrg(10_500);

  it('serves 10,000+ rows in pages of 2000 through nextRecordsUrl, every row exactly once, in order', () => {
    const service = new SoqlService({ org: serviceOrg });
    const first = service.query({ soql: 'SELECT Id, Name FROM Account ORDER BY Name', apiVersion: '60.0' });
    expect(first.totalSize).toBe(10_500);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v60\.0\/query\/01g[0-9A-Za-z]{15}-2000$/);
    expect(Object.keys(first)).toEqual(['totalSize', 'done', 'nextRecordsUrl', 'records']);
    const names = first.records.map((record) => record['Name']);
    let page = first;
    const sizes = [first.records.length];
    while (!page.done) {
      page = service.queryMore({ locator: page.nextRecordsUrl!.split('/').pop()!, apiVersion: '60.0' });
      expect(page.totalSize).toBe(10_500);
      sizes.push(page.records.length);
      names.push(...page.records.map((record) => record['Name']));
    }
    expect(sizes).toEqual([2000, 2000, 2000, 2000, 2000, 500]);
    expect(page.nextRecordsUrl).toBeUndefined();
    expect(names).toEqual(Array.from({ length: 10_500 }, (_, i) => `Account ${String(i).padStart(6, '0')}`));
  });

  it('honours the batch size, and a different one asked for on a later page', () => {
    const service = new SoqlService({ org: serviceOrg });
    const first = service.query({ soql: 'SELECT Id FROM Account', apiVersion: '60.0', batchSize: batchSizeFromHeader('batchSize=300') });
    expect(first.records).toHaveLength(300);
    expect(first.nextRecordsUrl).toMatch(/-300$/);
    const locator = first.nextRecordsUrl!.split('/').pop()!;
    expect(service.queryMore({ locator, apiVersion: '60.0' }).records).toHaveLength(300);
    expect(service.queryMore({ locator, apiVersion: '60.0', batchSize: 1000 }).nextRecordsUrl).toMatch(/-1300$/);
  });

  it('answers a result that fits in one page without a locator', () => {
    const service = new SoqlService({ org: serviceOrg });
    const result = service.query({ soql: 'SELECT Id FROM Account LIMIT 2000', apiVersion: '60.0' });
    expect(result).toMatchObject({ totalSize: 2000, done: true });
    expect(result.nextRecordsUrl).toBeUndefined();
    expect(service.openCursors).toBe(0);
    expect(service.query({ soql: 'SELECT COUNT() FROM Account', apiVersion: '60.0' })).toEqual({ totalSize: 10_500, done: true, records: [] });
  });

  it('answers aggregates in one batch whatever the batch size, and refuses more than 2000 groups as Salesforce does', () => {
    const service = new SoqlService({ org: serviceOrg });
    const groups = service.query({ soql: 'SELECT NumberOfEmployees, COUNT(Id) FROM Account WHERE NumberOfEmployees < 500 GROUP BY NumberOfEmployees', apiVersion: '60.0', batchSize: 200 });
    expect(groups).toMatchObject({ totalSize: 500, done: true });
    expect(groups.records).toHaveLength(500);
    const error = thrown(() => service.query({ soql: 'SELECT Name, COUNT(Id) FROM Account GROUP BY Name', apiVersion: '60.0' }));
    expect(error.toBody()).toEqual([
      { errorCode: 'EXCEEDED_ID_LIMIT', message: 'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch' },
    ]);
  });

  it('serves queryAll pages from the recycle bin too, under /queryAll/', () => {
    const service = new SoqlService({ org: serviceOrg });
    const first = service.query({ soql: 'SELECT Id, IsDeleted FROM Account', apiVersion: '61.0', queryAll: true });
    expect(first.totalSize).toBe(10_501);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v61\.0\/queryAll\/01g/);
    const last = service.queryMore({ locator: first.nextRecordsUrl!.replace(/-2000$/, '-10000').split('/').pop()!, apiVersion: '61.0' });
    expect(last.done).toBe(true);
    expect(last.records.at(-1)).toMatchObject({ IsDeleted: true });
  });

  it('serves the snapshot taken when the query ran, not rows written since', () => {
    const service = new SoqlService({ org: serviceOrg });
    const first = service.query({ soql: "SELECT Id FROM Account WHERE Name LIKE 'Account%'", apiVersion: '60.0' });
    org.records.add('Account', { Name: 'Account late' });
    let page = first;
    let count = first.records.length;
    while (!page.done) {
      page = service.queryMore({ locator: page.nextRecordsUrl!.split('/').pop()!, apiVersion: '60.0' });
      count += page.records.length;
    }
    expect(count).toBe(10_500);
  });
});

describe('SoqlService locators', () => {
  const { serviceOrg } = bigOrg(2500);

  it('expire after 15 minutes unused with INVALID_QUERY_LOCATOR, and each use restarts the clock', () => {
    let now = 1_000_000;
    const service = new SoqlService({ org: serviceOrg, clock: () => now });
    const first = service.query({ soql: 'SELECT Id FROM Account', apiVersion: '60.0', batchSize: 500 });
    const locator = first.nextRecordsUrl!.split('/').pop()!;
    now += 14 * 60_000;
    expect(service.queryMore({ locator, apiVersion: '60.0' }).records).toHaveLength(500);
    now += 14 * 60_000;
    expect(service.queryMore({ locator, apiVersion: '60.0' }).records).toHaveLength(500);
    now += 15 * 60_000;
    const error = thrown(() => service.queryMore({ locator, apiVersion: '60.0' }));
    expect(error.status).toBe(400);
    expect(error.toBody()).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
  });

  it('refuses unknown, malformed and out-of-range locators', () => {
    const service = new SoqlService({ org: serviceOrg });
    const first = service.query({ soql: 'SELECT Id FROM Account', apiVersion: '60.0' });
    const id = first.nextRecordsUrl!.split('/').pop()!.split('-')[0]!;
    for (const locator of ['01gXXXXXXXXXXXXXXX-2000', 'nonsense', `${id}-99999`, `${id}`]) {
      expect(thrown(() => service.queryMore({ locator, apiVersion: '60.0' })).errorCode).toBe('INVALID_QUERY_LOCATOR');
    }
  });

  it('closes the least recently used locator of an owner beyond the limit', () => {
    const service = new SoqlService({ org: serviceOrg, maxCursorsPerOwner: 2 });
    const open = (owner: string) => service.query({ soql: 'SELECT Id FROM Account', apiVersion: '60.0', owner }).nextRecordsUrl!.split('/').pop()!;
    const a = open('005A');
    const b = open('005A');
    const other = open('005B');
    const c = open('005A');
    expect(thrown(() => service.queryMore({ locator: a, apiVersion: '60.0' })).errorCode).toBe('INVALID_QUERY_LOCATOR');
    for (const locator of [b, c, other]) expect(service.queryMore({ locator, apiVersion: '60.0' }).records).toHaveLength(500);
  });

  it('throws query errors as SoqlError with the REST body', () => {
    const service = new SoqlService({ org: serviceOrg });
    const error = thrown(() => service.query({ soql: 'SELECT Foo FROM Account', apiVersion: '60.0' }));
    expect(error.toBody()[0]).toMatchObject({ errorCode: 'INVALID_FIELD' });
  });
});
