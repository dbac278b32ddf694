import { describe, expect, it } from 'vitest';
import { SoqlError } from './errors.ts';
import { executeSearch } from './sosl.ts';
import { seededOrg } from './testing/seed.ts';

const { org, ids } = seededOrg();
const search = (sosl: string) => executeSearch(org, sosl, { apiVersion: '60.0' });

describe('SOSL', () => {
  it('finds a word in all fields and returns the listed fields per object, in RETURNING order', () => {
    expect(search('FIND {acme} IN ALL FIELDS RETURNING Account(Id, Name), Contact(LastName, Account.Name)')).toEqual({
      searchRecords: [
        { attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${ids.acme}` }, Id: ids.acme, Name: 'Acme Motors' },
        {
          attributes: { type: 'Contact', url: `/services/data/v60.0/sobjects/Contact/${ids.c1}` },
          LastName: 'Ng',
          Account: { attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${ids.acme}` }, Name: 'Acme Motors' },
        },
      ],
    });
  });

  it('returns Id only for an object listed without fields, and applies WHERE, ORDER BY and LIMIT inside RETURNING', () => {
    expect(search('FIND {garage} RETURNING Account').searchRecords).toEqual([
      { attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${ids.globex}` }, Id: ids.globex },
    ]);
    const opportunities = search("FIND {acme*} RETURNING Opportunity(Name WHERE IsWon = false ORDER BY Name), Account(Name LIMIT 1)").searchRecords;
    expect(opportunities.map((record) => record['Name'])).toEqual(['Acme vans', 'Acme Motors']);
  });

  it('needs every term, accepts OR, quoted phrases and wildcards, and matches whole words only', () => {
    expect(search('FIND {acme motors} RETURNING Account(Name)').searchRecords).toHaveLength(1);
    expect(search('FIND {acme initech} RETURNING Account(Name)').searchRecords).toHaveLength(0);
    expect(search('FIND {acme OR initech} RETURNING Account(Name)').searchRecords).toHaveLength(2);
    expect(search('FIND {"globex garage"} RETURNING Account(Name)').searchRecords).toHaveLength(1);
    expect(search('FIND {mot*} RETURNING Account(Name)').searchRecords).toHaveLength(1);
    expect(search('FIND {init?ch} RETURNING Account(Name)').searchRecords).toHaveLength(1);
    expect(search('FIND {otors} RETURNING Account(Name)').searchRecords).toHaveLength(0);
  });

  it('searches only email fields with IN EMAIL FIELDS, and matches an address whole', () => {
    expect(search('FIND {carla@acme.test} IN EMAIL FIELDS RETURNING Contact(LastName)').searchRecords.map((r) => r['LastName'])).toEqual(['Ng']);
    expect(search('FIND {Ng} IN EMAIL FIELDS RETURNING Contact(LastName)').searchRecords).toEqual([]);
  });

  it('searches every object when there is no RETURNING, and caps results with LIMIT', () => {
    const all = search('FIND {acme}').searchRecords;
    expect(all.map((record) => record.attributes.type).sort()).toEqual(['Account', 'Contact', 'Opportunity', 'Opportunity']);
    expect(search('FIND {acme} RETURNING Opportunity(Name), Account(Name) LIMIT 1').searchRecords).toHaveLength(1);
  });

  it('refuses a query without a braced term, and one-character terms', () => {
    const failure = (sosl: string) => {
      try {
        search(sosl);
      } catch (error) {
        if (error instanceof SoqlError) return [error.errorCode, error.message];
      }
      return undefined;
    };
    expect(failure('FIND acme RETURNING Account')).toEqual(['MALFORMED_SEARCH', 'No search term found. The search term must be enclosed in braces.']);
    expect(failure('FIND {a*} RETURNING Account')).toEqual(['INVALID_SEARCH', 'search term must be longer than one character']);
    expect(failure('FIND {acme} RETURNING Nope(Id)')?.[0]).toBe('INVALID_TYPE');
  });
});
