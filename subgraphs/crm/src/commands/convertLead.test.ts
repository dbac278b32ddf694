import { afterEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { as, createNetwork, leadInput, openCrmStore, partnerOf, qualifiedLead, staff } from '../testing/fixtures.ts';
import { createContact, createAccount } from './accounts.ts';
import { convertLead } from './convertLead.ts';
import { createLead, setLeadStatus } from './leads.ts';
import { scheduleTestDrive } from './testDrives.ts';

let store: DisposableStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected the conversion to be refused');
    },
    (error: { code: string; message: string; details: Record<string, unknown> }) => ({ code: error.code, message: error.message, details: error.details }),
  );
}

async function count(table: string): Promise<number> {
  return (await store!.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
}

describe.each(['pglite', 'postgres'] as const)('lead conversion on %s', (driver) => {
  it('creates account, contact and opportunity keeping every line item, preferred seller and test drive', async () => {
    store = await openCrmStore(driver);
    const net = await createNetwork(store);
    const ctx = as(store, staff, new Date('2026-11-23T10:00:00Z'));
    const lead = await qualifiedLead(ctx, net.munich.id, {
      company: 'Schneider Logistik GmbH',
      preferredSellers: [
        { dealerId: net.munich.id, reason: 'GENERATED_LEAD', notes: 'web form' },
        { dealerId: net.hamburg.id, reason: 'PREVIOUS_PURCHASE', notes: 'bought a van in 2021' },
      ],
    });
    const drive = await scheduleTestDrive(ctx, { leadId: lead.id, dealerId: net.munich.id, vehicle: 'EV5 Long Range', scheduledAt: '2026-12-02T09:00:00Z' });

    const { lead: converted, account, contact, opportunity } = await convertLead(ctx, lead.id, { amount: '52990.00' });

    expect(account).toMatchObject({ name: 'Schneider Logistik GmbH', type: 'CUSTOMER', dealer_id: net.munich.id, city: 'Freising' });
    expect(contact).toMatchObject({ account_id: account.id, first_name: 'Mia', last_name: 'Schneider', email: 'mia.schneider@example.com' });
    expect(opportunity).toMatchObject({
      name: 'Schneider Logistik GmbH – EV5 Long Range',
      account_id: account.id,
      contact_id: contact.id,
      dealer_id: net.munich.id,
      lead_id: lead.id,
      stage: 'Prospecting',
      probability: 10,
      amount: '52990.00',
      close_date: '2027-03-31',
      source_channel: 'WEB',
    });
    expect(converted).toMatchObject({ converted_account_id: account.id, converted_contact_id: contact.id, converted_opportunity_id: opportunity.id });

    const leadItems = await store.query('select id, product_code, product_name, product_type, quantity, notes from lead_line_items where lead_id = $1 order by created_at, id', [lead.id]);
    const oppItems = await store.query<Record<string, unknown>>(
      'select lead_line_item_id as id, product_code, product_name, product_type, quantity, notes from opportunity_line_items where opportunity_id = $1 order by created_at, id',
      [opportunity.id],
    );
    expect(oppItems).toEqual(leadItems);
    const leadSellers = await store.query('select id, dealer_id, reason, notes from lead_preferred_sellers where lead_id = $1 order by created_at, id', [lead.id]);
    const oppSellers = await store.query(
      'select lead_preferred_seller_id as id, dealer_id, reason, notes from opportunity_preferred_sellers where opportunity_id = $1 order by created_at, id',
      [opportunity.id],
    );
    expect(oppSellers).toEqual(leadSellers);
    expect(oppSellers).toHaveLength(2);
    expect(await store.query('select lead_id, opportunity_id from test_drives where id = $1', [drive.id])).toEqual([{ lead_id: lead.id, opportunity_id: opportunity.id }]);
  });

  it('refuses a lead that is not qualified, or already converted, and writes nothing', async () => {
    store = await openCrmStore(driver);
    const net = await createNetwork(store);
    const ctx = as(store, staff);
    const open = await createLead(ctx, leadInput(net.munich.id));
    await setLeadStatus(ctx, open.id, 'Contacted');
    expect(await failure(convertLead(ctx, open.id))).toMatchObject({
      code: 'CONFLICT',
      message: `lead ${open.id} is Contacted; only a qualified lead can be converted (qualify it first)`,
      details: { rule: 'LEAD_NOT_QUALIFIED' },
    });
    const lead = await qualifiedLead(ctx, net.munich.id);
    const first = await convertLead(ctx, lead.id);
    const accounts = await count('accounts');
    expect(await failure(convertLead(ctx, lead.id))).toMatchObject({
      code: 'CONFLICT',
      details: { rule: 'LEAD_CONVERTED', opportunityId: first.opportunity.id },
    });
    expect(await count('accounts')).toBe(accounts);
    expect(await count('opportunities')).toBe(1);
  });

  it('rolls everything back when any step fails', async () => {
    store = await openCrmStore(driver);
    const net = await createNetwork(store);
    const ctx = as(store, staff);
    const lead = await qualifiedLead(ctx, net.munich.id);
    // Make the last copy step fail inside the database, after account, contact and opportunity were written.
    await store.query(`create function refuse() returns trigger language plpgsql as $$ begin raise exception 'seller copy refused'; end $$`);
    await store.query('create trigger refuse_sellers before insert on opportunity_preferred_sellers for each row execute function refuse()');
    const before = { accounts: await count('accounts'), contacts: await count('contacts') };
    await expect(convertLead(ctx, lead.id)).rejects.toThrow(/seller copy refused/);
    expect({ accounts: await count('accounts'), contacts: await count('contacts') }).toEqual(before);
    expect(await count('opportunities')).toBe(0);
    expect(await count('opportunity_line_items')).toBe(0);
    expect(await store.query('select converted_at from leads where id = $1', [lead.id])).toEqual([{ converted_at: null }]);
  });
});

describe('lead conversion into an existing account', () => {
  it('reuses the account and a contact with the same e-mail instead of duplicating them', async () => {
    store = await openCrmStore();
    const net = await createNetwork(store);
    const ctx = as(store, staff);
    const account = await createAccount(ctx, { name: 'Schneider Family', type: 'CUSTOMER', servicingDealerId: net.munich.id });
    const contact = await createContact(ctx, { accountId: account.id, lastName: 'Schneider', email: 'MIA.SCHNEIDER@example.com' });
    const lead = await qualifiedLead(ctx, net.munich.id);
    const result = await convertLead(ctx, lead.id, { accountId: account.id, opportunityName: 'Second car' });
    expect(result.account.id).toBe(account.id);
    expect(result.contact.id).toBe(contact.id);
    expect(result.opportunity).toMatchObject({ name: 'Second car', account_id: account.id });
    expect(await count('accounts')).toBe(3);
  });

  it('refuses a dealer account, or an account a partner cannot see', async () => {
    store = await openCrmStore();
    const net = await createNetwork(store);
    const ctx = as(store, staff);
    const lead = await qualifiedLead(ctx, net.munich.id);
    expect(await failure(convertLead(ctx, lead.id, { accountId: net.hamburg.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('input.accountId: must be a customer account, not a dealer'),
    });
    const hamburgCustomer = await createAccount(ctx, { name: 'Nordkunde', type: 'CUSTOMER', servicingDealerId: net.hamburg.id });
    expect(await failure(convertLead(as(store, partnerOf(net.munich)), lead.id, { accountId: hamburgCustomer.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('must be an account you can see'),
    });
  });
});
