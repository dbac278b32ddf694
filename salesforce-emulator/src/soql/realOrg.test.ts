import { describe, expect, it } from 'vitest';
import { loadMetadata } from '../metadata/loadMetadata.ts';
import { createOrg } from '../org/createOrg.ts';
import { SoqlService } from './service.ts';

/** The engine over the emulator's own org and metadata files, as the HTTP layer will run it. */
describe('SoqlService over the emulator org', () => {
  let clock = new Date('2026-11-23T10:15:30.000Z');
  const org = createOrg({ schema: loadMetadata(), now: () => clock });
  const service = new SoqlService({ org });
  const ids = (results: { id: string | null; success: boolean }[]) => results.map((result) => {
    expect(result.success).toBe(true);
    return result.id!;
  });
  const [acme, globex] = ids(org.insert('Account', [{ Name: 'Acme Motors', Industry: 'Automotive', AnnualRevenue: 1500000 }, { Name: 'Globex' }]));
  clock = new Date('2026-11-24T08:00:00.000Z');
  const [ng] = ids(org.insert('Contact', [{ LastName: 'Ng', FirstName: 'Carla', AccountId: acme, Birthdate: '1990-05-17' }, { LastName: 'Zed', AccountId: globex }]));
  const q = (soql: string, queryAll = false) => service.query({ soql, apiVersion: '62.0', queryAll });

  it('shapes records with parents, owners and children from real metadata', () => {
    const result = q('SELECT lastname, Birthdate, CreatedDate, Account.Name, Account.Owner.Name FROM Contact WHERE Account.Industry = \'automotive\'');
    expect(result.totalSize).toBe(1);
    const [record] = result.records;
    expect(record).toMatchObject({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${ng}` },
      LastName: 'Ng',
      Birthdate: '1990-05-17',
      CreatedDate: '2026-11-24T08:00:00.000+0000',
      Account: { attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${acme}` }, Name: 'Acme Motors', Owner: { attributes: { type: 'User' } } },
    });
    const accounts = q('SELECT Name, AnnualRevenue, (SELECT LastName FROM Contacts) FROM Account ORDER BY Name').records;
    expect(accounts.map((account) => [account['Name'], account['AnnualRevenue'], (account['Contacts'] as { totalSize: number }).totalSize])).toEqual([
      ['Acme Motors', 1500000, 1],
      ['Globex', null, 1],
    ]);
  });

  it('filters on audit datetimes with literals and date literals', () => {
    expect(q('SELECT Id FROM Contact WHERE CreatedDate = TODAY').totalSize).toBe(2);
    expect(q('SELECT Id FROM Account WHERE CreatedDate = YESTERDAY').totalSize).toBe(2);
    clock = new Date('2026-11-25T00:00:00.000Z');
    expect(q('SELECT Id FROM Contact WHERE CreatedDate = TODAY').totalSize).toBe(0);
    expect(q('SELECT Id FROM Contact WHERE CreatedDate = YESTERDAY').totalSize).toBe(2);
    expect(q('SELECT Id FROM Account WHERE CreatedDate < 2026-11-24T00:00:00Z AND Name != null').totalSize).toBe(2);
    expect(q('SELECT Id FROM Account WHERE SystemModstamp = LAST_N_DAYS:2').totalSize).toBe(2);
    expect(q('SELECT Id FROM Account WHERE SystemModstamp = LAST_N_DAYS:1').totalSize).toBe(0);
  });

  it('shows deleted records only to queryAll, with IsDeleted = true', () => {
    expect(org.delete([globex!])[0]!.success).toBe(true);
    expect(q("SELECT Id FROM Account WHERE Name = 'Globex'").totalSize).toBe(0);
    expect(q("SELECT Name, IsDeleted FROM Account WHERE Name = 'Globex'", true).records).toMatchObject([{ Name: 'Globex', IsDeleted: true }]);
  });
});
