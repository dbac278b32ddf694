/**
 * The records the engine's tests query: two users, four accounts (one in the recycle bin), contacts and
 * opportunities with the edge cases that matter (null lookups, null values, mixed case, multi-select values).
 */
import { fixtureOrg } from './fixtureOrg.ts';

export function seededOrg() {
  const org = fixtureOrg();
  const r = org.records;
  const ada = r.add('User', { Name: 'Ada Admin', Email: 'ada@example.com', IsActive: true });
  const bob = r.add('User', { Name: 'Bob Builder', Email: 'bob@example.com', IsActive: false });
  const acme = r.add(
    'Account',
    { Name: 'Acme Motors', Industry: 'Automotive', Type: 'Dealer', AnnualRevenue: 5_000_000, NumberOfEmployees: 120, Brands__c: 'Alpha;Beta', IsPartner__c: true, Founded__c: '1999-03-01', OwnerId: ada },
    { created: '2026-11-23T09:00:00.000+0000' },
  );
  const globex = r.add(
    'Account',
    { Name: 'globex garage', Industry: 'Automotive', Type: 'Fleet', AnnualRevenue: 750_000.5, NumberOfEmployees: 15, Brands__c: 'Beta', IsPartner__c: false, OwnerId: bob, ParentId: acme },
    { created: '2026-11-22T23:59:59.000+0000' },
  );
  const initech = r.add('Account', { Name: 'Initech', Industry: null, Type: 'Dealer', IsPartner__c: false, OwnerId: ada }, { created: '2026-10-01T12:00:00.000+0000' });
  const gone = r.add('Account', { Name: 'Gone Garage', Type: 'Dealer', IsPartner__c: false, OwnerId: ada }, { deleted: true });
  const c1 = r.add('Contact', { FirstName: 'Carla', LastName: 'Ng', Email: 'carla@acme.test', AccountId: acme, OwnerId: ada, Birthdate: '1990-05-17' });
  const c2 = r.add('Contact', { FirstName: 'Dan', LastName: "O'Brien", AccountId: acme, OwnerId: bob });
  const c3 = r.add('Contact', { FirstName: null, LastName: 'Orphan', AccountId: null, OwnerId: ada });
  const c4 = r.add('Contact', { FirstName: 'Eve', LastName: 'Zed', AccountId: globex, OwnerId: bob });
  const o1 = r.add('Opportunity', { Name: 'Acme fleet', StageName: 'Closed Won', Amount: 100_000, Probability: 100, CloseDate: '2026-11-20', IsWon: true, AccountId: acme });
  const o2 = r.add('Opportunity', { Name: 'Acme vans', StageName: 'Prospecting', Amount: 25_000, Probability: 10, CloseDate: '2026-12-05', IsWon: false, AccountId: acme });
  const o3 = r.add('Opportunity', { Name: 'Globex cars', StageName: 'Closed Won', Amount: 40_000, Probability: 100, CloseDate: '2026-11-23', IsWon: true, AccountId: globex });
  const o4 = r.add('Opportunity', { Name: 'Nothing yet', StageName: 'Prospecting', Amount: null, Probability: 5, CloseDate: '2027-02-01', IsWon: false, AccountId: initech });
  return { org, ids: { ada, bob, acme, globex, initech, gone, c1, c2, c3, c4, o1, o2, o3, o4 } };
}
