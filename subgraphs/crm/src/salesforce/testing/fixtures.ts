/**
 * Test data for the CRM sync: records born locally (plain SQL, captured by the sync's triggers) and records born in
 * Salesforce (Bulk API 2.0 ingest through the client, as an integration would create them), with every relation the
 * mappings carry, and a field-by-field comparison of the store and the org through the links.
 */
import { randomUUID } from 'node:crypto';
import { BulkClient, type SalesforceClient, type Store } from '@l2c/shared';

export { compareStoreAndOrg, type Comparison } from '@l2c/test-support/sync';

export interface LocalSeed {
  accounts: string[];
  dealers: string[];
  leads: string[];
  opportunities: string[];
}

const LOCAL_STATUSES = ['Open', 'Contacted', 'Qualified', 'Unqualified', 'Nurturing'];
const CHANNELS = ['WEB', 'PHONE', 'EMAIL', 'WALK_IN', 'EVENT', 'DEALER', 'PARTNER', 'SOCIAL', 'REFERRAL', 'ADVERTISEMENT', 'OTHER'];
const RATINGS = ['HOT', 'WARM', 'COLD', null];
const TYPES = ['VEHICLE', 'SPARE_PART', 'ACCESSORY'];
const REASONS = ['PREFERRED', 'GENERATED_LEAD', 'PREVIOUS_PURCHASE', 'NEAREST'];
const OPEN_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Negotiation/Review'];

/** Inserts `n` records of every mirrored table, born locally (the capture triggers queue them for pushing). */
export async function seedLocal(store: Store, n: number, tag: string): Promise<LocalSeed> {
  const ids = () => Array.from({ length: n }, () => randomUUID());
  const accounts = ids();
  const dealers = accounts.filter((_, i) => i % 10 === 0);
  const leads = ids();
  const opportunities = ids();
  const day = (i: number) => `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  await insertMany(store, 'accounts', accounts.map((id, i) => ({
    id, name: `${tag} Account ${i}`, type: i % 10 === 0 ? 'DEALER' : i % 10 === 1 ? 'SUPPLIER' : 'CUSTOMER', dealer_code: i % 10 === 0 ? `${tag}-D${i}` : null,
    phone: i % 3 ? `+49 30 ${100000 + i}` : null, website: i % 4 ? `https://a${i}.example` : null, street: `Street ${i}`, city: i % 5 ? 'Berlin' : null, postal_code: `${10000 + (i % 90000)}`, country: 'DE',
  })));
  await insertMany(store, 'contacts', accounts.map((accountId, i) => ({ id: randomUUID(), account_id: accountId, first_name: i % 7 ? `First${i}` : null, last_name: `${tag} Contact ${i}`, email: `c${i}@${tag}.example`, phone: null, title: i % 2 ? 'Buyer' : null })));
  await insertMany(store, 'leads', leads.map((id, i) => ({
    id, first_name: `Lead${i}`, last_name: `${tag} Lead ${i}`, company: i % 6 ? `Company ${i}` : null, email: `l${i}@${tag}.example`, phone: i % 2 ? `+49 ${i}` : null,
    street: null, city: i % 3 ? 'Munich' : null, postal_code: null, country: 'DE', status: LOCAL_STATUSES[i % LOCAL_STATUSES.length], source_channel: CHANNELS[i % CHANNELS.length], rating: RATINGS[i % RATINGS.length],
    earliest_interest_date: i % 4 ? day(i) : null, latest_interest_date: i % 4 ? day(i).replace(/^2026/, '2027') : null,
  })));
  await insertMany(store, 'lead_line_items', leads.map((leadId, i) => ({ id: randomUUID(), lead_id: leadId, product_name: `Product ${i % 50}`, product_type: TYPES[i % TYPES.length], quantity: 1 + (i % 5) })));
  await insertMany(store, 'lead_preferred_sellers', leads.map((leadId, i) => ({ id: randomUUID(), lead_id: leadId, dealer_id: dealers[i % dealers.length], reason: REASONS[i % REASONS.length] })));
  await insertMany(store, 'opportunities', opportunities.map((id, i) => ({
    id, name: `${tag} Opportunity ${i}`, account_id: accounts[i], stage: OPEN_STAGES[i % OPEN_STAGES.length], amount: i % 9 ? `${1000 + i}.50` : null, close_date: day(i), probability: (i * 7) % 100, source_channel: i % 3 ? CHANNELS[i % CHANNELS.length] : null,
  })));
  await insertMany(store, 'opportunity_line_items', opportunities.map((opportunityId, i) => ({ id: randomUUID(), opportunity_id: opportunityId, product_name: `Vehicle ${i % 40}`, product_type: 'VEHICLE', quantity: 1 + (i % 3), unit_price: `${20000 + i}.00` })));
  await insertMany(store, 'opportunity_preferred_sellers', opportunities.map((opportunityId, i) => ({ id: randomUUID(), opportunity_id: opportunityId, dealer_id: dealers[i % dealers.length], reason: REASONS[i % REASONS.length] })));
  return { accounts, dealers, leads, opportunities };
}

export interface OrgSeed {
  accounts: string[];
  dealers: string[];
  leads: string[];
  opportunities: string[];
}

/** Creates `n` records of every mirrored object in the org (Bulk API 2.0 inserts), without external IDs. */
export async function seedOrg(client: SalesforceClient, n: number, tag: string): Promise<OrgSeed> {
  const bulk = new BulkClient(client);
  const insert = async (object: string, key: string, rows: Record<string, unknown>[]): Promise<string[]> => {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const job = await bulk.startIngest(object, 'insert', columns, rows);
    await bulk.waitFor('ingest', job.id, { pollMs: 50 });
    const results = await bulk.ingestResults(job.id);
    const failed = results.filter((r) => r.error);
    if (failed.length) throw new Error(`seeding ${object}: ${failed.length} failed, e.g. ${failed[0]!.error!.errorCode} ${failed[0]!.error!.message}`);
    const byKey = new Map(results.map((r) => [r.values[key], r.sfId!]));
    return rows.map((row) => byKey.get(String(row[key]))!);
  };
  const day = (i: number) => `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const accounts = await insert('Account', 'Name', Array.from({ length: n }, (_, i) => ({
    Name: `${tag} SF Account ${i}`, Type: i % 10 === 0 ? 'Dealer' : i % 10 === 1 ? 'Other' : 'Customer - Direct', AccountNumber: i % 10 === 0 ? `${tag}-SD${i}` : null,
    Phone: i % 3 ? `+33 1 ${100000 + i}` : null, BillingCity: i % 5 ? 'Paris' : null, BillingCountry: 'FR',
  })));
  const dealers = accounts.filter((_, i) => i % 10 === 0);
  await insert('Contact', 'LastName', accounts.map((accountId, i) => ({ AccountId: accountId, FirstName: i % 7 ? `Prénom${i}` : null, LastName: `${tag} SF Contact ${i}`, Email: `sc${i}@${tag}.example`, Title: i % 2 ? 'Owner' : null })));
  const statuses = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Not Converted'];
  const sources = ['Web', 'Phone Inquiry', 'Partner Referral', 'Other'];
  const leads = await insert('Lead', 'LastName', Array.from({ length: n }, (_, i) => ({
    FirstName: `SfLead${i}`, LastName: `${tag} SF Lead ${i}`, Company: `SF Company ${i}`, Email: `sl${i}@${tag}.example`, Status: statuses[i % 3], LeadSource: sources[i % 4], Rating: ['Hot', 'Warm', 'Cold', null][i % 4],
    City: i % 2 ? 'Lyon' : null, EarliestInterestDate: i % 3 ? day(i) : null, LatestInterestDate: i % 3 ? day(i).replace(/^2026/, '2027') : null,
  })));
  await insert('LeadLineItem', 'Name', leads.map((leadId, i) => ({ LeadId: leadId, Name: `${tag} SF Item ${i}`, ItemType: ['Vehicle', 'Part', 'Accessory'][i % 3], Quantity: 1 + (i % 4) })));
  await insert('LeadPreferredSeller', 'Name', leads.map((leadId, i) => ({ LeadId: leadId, AccountId: dealers[i % dealers.length], Name: `${tag} SF LPS ${i}`, AccountRole: i % 2 ? 'LeadProvider' : 'Dealer' })));
  const opportunities = await insert('Opportunity', 'Name', accounts.map((accountId, i) => ({
    Name: `${tag} SF Opportunity ${i}`, AccountId: accountId, StageName: OPEN_STAGES[i % OPEN_STAGES.length], Amount: i % 9 ? 5000 + i : null, CloseDate: day(i), Probability: (i * 3) % 100, LeadSource: i % 3 ? sources[i % 4] : null,
  })));
  await insert('OpportunityLineItem', 'Description', opportunities.map((opportunityId, i) => ({ OpportunityId: opportunityId, Description: `${tag} SF Line ${i}`, Quantity: 1 + (i % 3), UnitPrice: 30000 + i })));
  await insert('OpportunityPreferredSeller', 'Name', opportunities.map((opportunityId, i) => ({ OpportunityId: opportunityId, AccountId: dealers[i % dealers.length], Name: `${tag} SF OPS ${i}`, AccountRole: i % 2 ? 'DataProvider' : 'Dealer' })));
  return { accounts, dealers, leads, opportunities };
}

/** Inserts rows with one array parameter per column (`unnest`): fast on both drivers. */
async function insertMany(store: Store, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const types = new Map(
    (await store.query<{ column_name: string; udt_name: string }>('select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = $1', [table])).map((r) => [r.column_name, r.udt_name]),
  );
  for (let start = 0; start < rows.length; start += 5_000) {
    const chunk = rows.slice(start, start + 5_000);
    await store.query(
      `insert into ${table} (${columns.join(', ')}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${types.get(c)}[]`).join(', ')})`,
      columns.map((c) => chunk.map((row) => row[c] ?? null)),
    );
  }
}
