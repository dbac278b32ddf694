/**
 * Rows served per second by the query service for a 100,000-row query paged at 2,000: the first query (evaluation
 * and snapshot) plus every `queryMore`, each page serialised with `JSON.stringify` as the HTTP layer does. Run with
 * `npx tsx salesforce-emulator/src/soql/testing/measure.ts [rows] [batchSize]`.
 */
import { SoqlService } from '../service.ts';
import { fixtureOrg } from './fixtureOrg.ts';

const rows = Number(process.argv[2] ?? 100_000);
const batchSize = Number(process.argv[3] ?? 2000);

const org = fixtureOrg();
const owner = org.records.add('User', { Name: 'Owner', Email: 'owner@example.com', IsActive: true });
for (let i = 0; i < rows; i++) {
  org.records.add('Account', {
    Name: `Account ${i}`,
    Industry: i % 3 === 0 ? 'Automotive' : 'Retail',
    Type: 'Dealer',
    AnnualRevenue: i * 10.5,
    NumberOfEmployees: i % 500,
    IsPartner__c: i % 2 === 0,
    OwnerId: owner,
  });
}
const service = new SoqlService({
  org: {
    schema: org.schema,
    get: (id, options) => org.records.get(id, options),
    records: (type, options) => org.records.records(type, options),
    children: (type, field, parentId, options) => org.records.children(type, field, parentId, options),
    now: () => new Date(),
  },
});

const queries = {
  plain: 'SELECT Id, Name, Industry, Type, AnnualRevenue, NumberOfEmployees, IsPartner__c, CreatedDate, SystemModstamp FROM Account',
  filteredSorted:
    "SELECT Id, Name, Industry, AnnualRevenue, Owner.Name, SystemModstamp FROM Account WHERE Type = 'Dealer' AND SystemModstamp > 2020-01-01T00:00:00Z ORDER BY SystemModstamp, Id",
};

for (let round = 0; round < 3; round++) {
  for (const [name, soql] of Object.entries(queries)) {
    const started = process.hrtime.bigint();
    let served = 0;
    let bytes = 0;
    let page = service.query({ soql, apiVersion: '60.0', batchSize });
    for (;;) {
      served += page.records.length;
      bytes += JSON.stringify(page).length;
      if (page.done) break;
      page = service.queryMore({ locator: page.nextRecordsUrl!.split('/').pop()!, apiVersion: '60.0' });
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `${name.padEnd(15)} round ${round + 1}: ${served} rows in ${seconds.toFixed(3)} s = ${Math.round(served / seconds).toLocaleString('en-US')} rows/s (${(bytes / 1e6).toFixed(1)} MB JSON)`,
    );
  }
}
