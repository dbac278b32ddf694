import { describe, expect, it } from 'vitest';
import { executeQuery } from './engine.ts';
import { seededOrg } from './testing/seed.ts';

const { org, ids } = seededOrg();
const q = (soql: string, includeDeleted = false) => executeQuery(org, soql, { apiVersion: '60.0', includeDeleted });
const names = (soql: string) => q(soql).records.map((record) => record['Name']);

describe('field lists and shapes', () => {
  it('returns records in REST form, with the schema spelling of names and attributes carrying type and url', () => {
    const result = q(`select id, NAME, annualrevenue, isPartner__C, founded__c, createddate from account where name = 'Acme Motors'`);
    expect(result).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${ids.acme}` },
          Id: ids.acme,
          Name: 'Acme Motors',
          AnnualRevenue: 5_000_000,
          IsPartner__c: true,
          Founded__c: '1999-03-01',
          CreatedDate: '2026-11-23T09:00:00.000+0000',
        },
      ],
    });
    expect(Object.keys(result.records[0]!)).toEqual(['attributes', 'Id', 'Name', 'AnnualRevenue', 'IsPartner__c', 'Founded__c', 'CreatedDate']);
  });

  it('nests parent fields at any depth with their own attributes, in the order the query first names them', () => {
    const [record] = q(`SELECT Account.Name, LastName, Account.Owner.Name, account.owner.email FROM Contact WHERE Id = '${ids.c1}'`).records;
    expect(record).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v60.0/sobjects/Contact/${ids.c1}` },
      Account: {
        attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${ids.acme}` },
        Name: 'Acme Motors',
        Owner: { attributes: { type: 'User', url: `/services/data/v60.0/sobjects/User/${ids.ada}` }, Name: 'Ada Admin', Email: 'ada@example.com' },
      },
      LastName: 'Ng',
    });
    expect(Object.keys(record!)).toEqual(['attributes', 'Account', 'LastName']);
  });

  it('returns null for an empty lookup, and a null parent in the middle of a path', () => {
    const [orphan] = q(`SELECT Id, Account.Name, Account.Owner.Name FROM Contact WHERE LastName = 'Orphan'`).records;
    expect(orphan!['Account']).toBeNull();
    const [noParent] = q(`SELECT Parent.Owner.Name FROM Account WHERE Name = 'Initech'`).records;
    expect(noParent!['Parent']).toBeNull();
  });

  it('accepts the object alias and the object name as a prefix', () => {
    expect(names(`SELECT a.Name FROM Account a WHERE a.Type = 'Fleet'`)).toEqual(['globex garage']);
    expect(names(`SELECT Account.Name FROM Account WHERE Account.Type = 'Fleet'`)).toEqual(['globex garage']);
  });

  it('expands FIELDS(STANDARD) and FIELDS(CUSTOM) with a LIMIT', () => {
    const [standard] = q(`SELECT FIELDS(STANDARD) FROM Account WHERE Name = 'Initech'`).records;
    expect(Object.keys(standard!)).toContain('OwnerId');
    expect(Object.keys(standard!)).not.toContain('Brands__c');
    const [custom] = q(`SELECT FIELDS(CUSTOM) FROM Account WHERE Name = 'Acme Motors' LIMIT 1`).records;
    expect(Object.keys(custom!)).toEqual(['attributes', 'Brands__c', 'IsPartner__c', 'Founded__c']);
  });
});

describe('child subqueries', () => {
  it('returns { totalSize, done, records } per parent, or null when there are no children', () => {
    const result = q(
      `SELECT Name, (SELECT LastName, Owner.Name FROM Contacts ORDER BY LastName DESC), (SELECT Name FROM opportunities WHERE IsWon = true) FROM Account ORDER BY Name`,
    );
    const [acme, globex, initech] = result.records;
    expect(acme!['Contacts']).toEqual({
      totalSize: 2,
      done: true,
      records: [
        {
          attributes: { type: 'Contact', url: `/services/data/v60.0/sobjects/Contact/${ids.c2}` },
          LastName: "O'Brien",
          Owner: { attributes: { type: 'User', url: `/services/data/v60.0/sobjects/User/${ids.bob}` }, Name: 'Bob Builder' },
        },
        {
          attributes: { type: 'Contact', url: `/services/data/v60.0/sobjects/Contact/${ids.c1}` },
          LastName: 'Ng',
          Owner: { attributes: { type: 'User', url: `/services/data/v60.0/sobjects/User/${ids.ada}` }, Name: 'Ada Admin' },
        },
      ],
    });
    expect(acme!['Opportunities']).toMatchObject({ totalSize: 1, records: [{ Name: 'Acme fleet' }] });
    expect(globex!['Contacts']).toMatchObject({ totalSize: 1 });
    expect(initech!['Contacts']).toBeNull();
    expect(initech!['Opportunities']).toBeNull();
  });

  it('applies LIMIT inside the subquery', () => {
    const [acme] = q(`SELECT (SELECT Id FROM Contacts ORDER BY LastName LIMIT 1) FROM Account WHERE Id = '${ids.acme}'`).records;
    expect(acme!['Contacts']).toMatchObject({ totalSize: 1, records: [{ Id: ids.c1 }] });
  });
});

describe('WHERE', () => {
  it('compares text case-insensitively', () => {
    expect(names(`SELECT Name FROM Account WHERE Name = 'GLOBEX GARAGE'`)).toEqual(['globex garage']);
    expect(names(`SELECT Name FROM Account WHERE Name > 'h' ORDER BY Name`)).toEqual(['Initech']);
  });

  it('combines AND, OR and NOT with parentheses', () => {
    expect(names(`SELECT Name FROM Account WHERE Type = 'Dealer' AND (Industry = 'Automotive' OR NumberOfEmployees = null) ORDER BY Name`)).toEqual([
      'Acme Motors',
      'Initech',
    ]);
    expect(names(`SELECT Name FROM Account WHERE NOT Type = 'Dealer'`)).toEqual(['globex garage']);
    expect(names(`SELECT Name FROM Account WHERE NOT (Type = 'Dealer' AND IsPartner__c = false) ORDER BY Name`)).toEqual(['Acme Motors', 'globex garage']);
    expect(names(`SELECT Name FROM Account WHERE (NOT Type = 'Dealer') OR Name LIKE 'ini%' ORDER BY Name`)).toEqual(['globex garage', 'Initech']);
  });

  it('supports every comparison operator on numbers, and null semantics of =, != and NOT IN', () => {
    const opp = (where: string) => q(`SELECT Name FROM Opportunity WHERE ${where} ORDER BY Name`).records.map((r) => r['Name']);
    expect(opp('Amount > 25000')).toEqual(['Acme fleet', 'Globex cars']);
    expect(opp('Amount >= 25000')).toEqual(['Acme fleet', 'Acme vans', 'Globex cars']);
    expect(opp('Amount < 40000')).toEqual(['Acme vans']);
    expect(opp('Amount <= 40000.0')).toEqual(['Acme vans', 'Globex cars']);
    expect(opp('Amount != 25000')).toEqual(['Acme fleet', 'Globex cars', 'Nothing yet']);
    expect(opp('Amount = null')).toEqual(['Nothing yet']);
    expect(opp('Amount != null')).toEqual(['Acme fleet', 'Acme vans', 'Globex cars']);
    expect(opp('Amount NOT IN (100000, 40000)')).toEqual(['Acme vans', 'Nothing yet']);
    expect(opp('Probability IN (5, 10)')).toEqual(['Acme vans', 'Nothing yet']);
    expect(opp('Amount > USD30000')).toEqual(['Acme fleet', 'Globex cars']);
  });

  it('matches IN and NOT IN on text and IDs, 15-character IDs included', () => {
    expect(names(`SELECT Name FROM Account WHERE Type IN ('fleet', 'nope')`)).toEqual(['globex garage']);
    expect(names(`SELECT Name FROM Account WHERE Id IN ('${ids.acme.slice(0, 15)}', '${ids.initech}') ORDER BY Name`)).toEqual(['Acme Motors', 'Initech']);
    expect(names(`SELECT Name FROM Account WHERE OwnerId != '${ids.ada}'`)).toEqual(['globex garage']);
  });

  it('filters booleans and parent fields', () => {
    expect(names(`SELECT Name FROM Account WHERE IsPartner__c = TRUE`)).toEqual(['Acme Motors']);
    const contacts = q(`SELECT LastName FROM Contact WHERE Account.Owner.Name = 'ada admin' ORDER BY LastName`).records.map((r) => r['LastName']);
    expect(contacts).toEqual(['Ng', "O'Brien"]);
  });

  it('LIKE is case-insensitive with % and _ and escapes', () => {
    expect(names(`SELECT Name FROM Account WHERE Name LIKE 'acme%'`)).toEqual(['Acme Motors']);
    expect(names(`SELECT Name FROM Account WHERE Name LIKE '%GARAGE'`)).toEqual(['globex garage']);
    expect(names(`SELECT Name FROM Account WHERE Name LIKE '%OTO%'`)).toEqual(['Acme Motors']);
    expect(names(`SELECT Name FROM Account WHERE Name LIKE 'in_tech'`)).toEqual(['Initech']);
    expect(names(`SELECT Name FROM Account WHERE Name LIKE 'Initech'`)).toEqual(['Initech']);
    const contacts = q(`SELECT LastName FROM Contact WHERE LastName LIKE 'o\\'%'`).records.map((r) => r['LastName']);
    expect(contacts).toEqual(["O'Brien"]);
    expect(names(`SELECT Name FROM Account WHERE Name LIKE 'acme\\_%'`)).toEqual([]);
  });

  it('INCLUDES and EXCLUDES on multi-select picklists; = compares the whole set in any order', () => {
    expect(names(`SELECT Name FROM Account WHERE Brands__c INCLUDES ('beta') ORDER BY Name`)).toEqual(['Acme Motors', 'globex garage']);
    expect(names(`SELECT Name FROM Account WHERE Brands__c INCLUDES ('Alpha;Beta', 'Gamma')`)).toEqual(['Acme Motors']);
    expect(names(`SELECT Name FROM Account WHERE Brands__c INCLUDES ('Alpha;Gamma')`)).toEqual([]);
    expect(names(`SELECT Name FROM Account WHERE Brands__c EXCLUDES ('Alpha') ORDER BY Name`)).toEqual(['globex garage', 'Initech']);
    expect(names(`SELECT Name FROM Account WHERE Brands__c = 'Beta;Alpha'`)).toEqual(['Acme Motors']);
  });

  it('semi-joins and anti-joins with a subquery', () => {
    expect(names(`SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact) ORDER BY Name`)).toEqual(['Acme Motors', 'globex garage']);
    expect(names(`SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Opportunity WHERE IsWon = true)`)).toEqual(['Initech']);
  });
});

describe('dates', () => {
  // The fixture's clock: Monday 2026-11-23 10:15:30 UTC.
  const opp = (where: string) => q(`SELECT Name FROM Opportunity WHERE ${where} ORDER BY Name`).records.map((r) => r['Name']);
  const acc = (where: string) => names(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`);

  it('compares date and datetime literals, with any offset', () => {
    expect(opp('CloseDate = 2026-11-20')).toEqual(['Acme fleet']);
    expect(opp('CloseDate > 2026-11-23')).toEqual(['Acme vans', 'Nothing yet']);
    expect(acc('CreatedDate >= 2026-11-23T00:00:00Z')).toEqual(['Acme Motors']);
    expect(acc('CreatedDate > 2026-11-23T00:59:58+01:00')).toEqual(['Acme Motors', 'globex garage']);
    expect(acc('CreatedDate < 2026-11-22T18:59:59.000-0500')).toEqual(['Initech']);
  });

  it('evaluates relative literals as ranges of days, weeks, months and years', () => {
    expect(opp('CloseDate = TODAY')).toEqual(['Globex cars']);
    expect(acc('CreatedDate = TODAY')).toEqual(['Acme Motors']);
    expect(acc('CreatedDate = YESTERDAY')).toEqual(['globex garage']);
    expect(acc('CreatedDate < TODAY')).toEqual(['globex garage', 'Initech']);
    expect(acc('CreatedDate > YESTERDAY')).toEqual(['Acme Motors']);
    expect(acc('CreatedDate = LAST_N_DAYS:1')).toEqual(['Acme Motors', 'globex garage']);
    expect(acc('CreatedDate = LAST_N_DAYS:90')).toEqual(['Acme Motors', 'globex garage', 'Initech']);
    expect(opp('CloseDate = NEXT_N_DAYS:30')).toEqual(['Acme vans']);
    expect(opp('CloseDate = THIS_MONTH')).toEqual(['Acme fleet', 'Globex cars']);
    expect(opp('CloseDate = NEXT_MONTH')).toEqual(['Acme vans']);
    expect(opp('CloseDate = THIS_WEEK')).toEqual(['Globex cars']);
    expect(opp('CloseDate = LAST_WEEK')).toEqual(['Acme fleet']);
    expect(opp('CloseDate = NEXT_YEAR')).toEqual(['Nothing yet']);
    expect(opp('CloseDate = THIS_QUARTER')).toEqual(['Acme fleet', 'Acme vans', 'Globex cars']);
    expect(opp('CloseDate IN (TODAY, LAST_N_DAYS:3)')).toEqual(['Acme fleet', 'Globex cars']);
    expect(acc('CreatedDate = LAST_MONTH')).toEqual(['Initech']);
    expect(opp('CloseDate >= THIS_FISCAL_YEAR')).toEqual(['Acme fleet', 'Acme vans', 'Globex cars', 'Nothing yet']);
    expect(opp('CloseDate = N_DAYS_AGO:3')).toEqual(['Acme fleet']);
  });
});

describe('ORDER BY, LIMIT and OFFSET', () => {
  it('puts nulls first ascending and last descending by default, and obeys NULLS FIRST/LAST', () => {
    const industry = (order: string) => q(`SELECT Name FROM Account ORDER BY Industry ${order}, Name`).records.map((r) => r['Name']);
    expect(industry('ASC')).toEqual(['Initech', 'Acme Motors', 'globex garage']);
    expect(industry('DESC')).toEqual(['Acme Motors', 'globex garage', 'Initech']);
    expect(industry('ASC NULLS LAST')).toEqual(['Acme Motors', 'globex garage', 'Initech']);
    expect(industry('DESC NULLS FIRST')).toEqual(['Initech', 'Acme Motors', 'globex garage']);
  });

  it('sorts text case-insensitively and by parent fields', () => {
    expect(names('SELECT Name FROM Account ORDER BY Name DESC')).toEqual(['Initech', 'globex garage', 'Acme Motors']);
    const contacts = q('SELECT LastName FROM Contact ORDER BY Account.Name NULLS LAST, LastName').records.map((r) => r['LastName']);
    expect(contacts).toEqual(['Ng', "O'Brien", 'Zed', 'Orphan']);
  });

  it('applies OFFSET then LIMIT, and reports totalSize after both', () => {
    const result = q('SELECT Name FROM Opportunity ORDER BY Amount DESC NULLS LAST LIMIT 2 OFFSET 1');
    expect(result.totalSize).toBe(2);
    expect(result.records.map((r) => r['Name'])).toEqual(['Globex cars', 'Acme vans']);
    expect(q('SELECT Id FROM Opportunity LIMIT 0').totalSize).toBe(0);
  });
});

describe('COUNT() and queryAll', () => {
  it('COUNT() returns totalSize and no records', () => {
    expect(q('SELECT COUNT() FROM Contact')).toEqual({ totalSize: 4, done: true, records: [] });
    expect(q(`SELECT COUNT() FROM Account WHERE Type = 'Dealer'`).totalSize).toBe(2);
  });

  it('includes the recycle bin only for queryAll, where IsDeleted is true', () => {
    expect(q(`SELECT Id FROM Account WHERE Name = 'Gone Garage'`).totalSize).toBe(0);
    const all = q(`SELECT Name, IsDeleted FROM Account WHERE IsDeleted = true`, true);
    expect(all.records).toMatchObject([{ Name: 'Gone Garage', IsDeleted: true }]);
    expect(q('SELECT COUNT() FROM Account', true).totalSize).toBe(4);
  });
});

describe('aggregates', () => {
  it('groups with COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX, exprN names and aliases', () => {
    const result = q(
      'SELECT StageName, COUNT(Id), COUNT_DISTINCT(AccountId) accounts, SUM(Amount), AVG(Amount), MIN(CloseDate), MAX(Amount) biggest FROM Opportunity GROUP BY StageName ORDER BY StageName',
    );
    expect(result).toEqual({
      totalSize: 2,
      done: true,
      records: [
        { attributes: { type: 'AggregateResult' }, StageName: 'Closed Won', expr0: 2, accounts: 2, expr1: 140_000, expr2: 70_000, expr3: '2026-11-20', biggest: 100_000 },
        { attributes: { type: 'AggregateResult' }, StageName: 'Prospecting', expr0: 2, accounts: 2, expr1: 25_000, expr2: 25_000, expr3: '2026-12-05', biggest: 25_000 },
      ],
    });
  });

  it('aggregates without GROUP BY into one row, and names a grouped parent field by its own name', () => {
    expect(q('SELECT COUNT(Id), SUM(Amount) FROM Opportunity WHERE Amount = null').records).toEqual([
      { attributes: { type: 'AggregateResult' }, expr0: 1, expr1: null },
    ]);
    expect(q('SELECT Account.Name, COUNT(Id) n FROM Contact WHERE AccountId != null GROUP BY Account.Name ORDER BY COUNT(Id) DESC').records).toEqual([
      { attributes: { type: 'AggregateResult' }, Name: 'Acme Motors', n: 2 },
      { attributes: { type: 'AggregateResult' }, Name: 'globex garage', n: 1 },
    ]);
  });

  it('filters groups with HAVING and pages them with LIMIT', () => {
    expect(q('SELECT AccountId, SUM(Amount) total FROM Opportunity GROUP BY AccountId HAVING SUM(Amount) > 50000').records).toEqual([
      { attributes: { type: 'AggregateResult' }, AccountId: ids.acme, total: 125_000 },
    ]);
    expect(q('SELECT Type, COUNT(Id) FROM Account GROUP BY Type HAVING COUNT(Id) > 1 OR Type = \'fleet\' ORDER BY Type LIMIT 1').records).toEqual([
      { attributes: { type: 'AggregateResult' }, Type: 'Dealer', expr0: 2 },
    ]);
  });
});
