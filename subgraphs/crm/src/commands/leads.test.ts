import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { as, createNetwork, engineer, leadInput, openCrmStore, partnerOf, staff, type Network } from '../testing/fixtures.ts';
import {
  addLeadLineItem,
  addLeadPreferredSeller,
  archiveLead,
  assignLeadToDealer,
  createLead,
  defineLeadStatus,
  disqualifyLead,
  nurtureLead,
  qualifyLead,
  recordQualification,
  removeLeadLineItem,
  setLeadStatus,
  updateLead,
} from './leads.ts';
import { convertLead } from './convertLead.ts';

let store: DisposableStore;
let net: Network;
beforeEach(async () => {
  store = await openCrmStore();
  net = await createNetwork(store);
});
afterEach(() => store.close());

/** Resolves to the error a promise rejects with, so its code and message can be asserted. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; message: string; details: Record<string, unknown> };
    return { code: e.code, message: e.message, details: e.details };
  }
  throw new Error('expected the promise to be refused');
}

describe('creating and editing leads', () => {
  it('creates a lead in the default status with its line items and preferred sellers', async () => {
    const lead = await createLead(as(store, staff), leadInput(net.munich.id));
    expect(lead).toMatchObject({ status: 'Open', status_kind: 'OPEN', dealer_id: net.munich.id, interest_tags: ['ev', 'family'] });
    const items = await store.query<{ product_name: string }>('select product_name from lead_line_items where lead_id = $1 order by created_at', [lead.id]);
    expect(items.map((i) => i.product_name)).toEqual(['EV5 Long Range', 'Roof rack']);
  });

  it("puts a partner's lead on its own dealer and refuses another dealer", async () => {
    const partner = as(store, partnerOf(net.munich));
    expect((await createLead(partner, leadInput(null))).dealer_id).toBe(net.munich.id);
    expect(await failure(createLead(partner, leadInput(net.hamburg.id)))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('input.dealerId') });
  });

  it('refuses engineers, who only read CRM data', async () => {
    expect(await failure(createLead(as(store, engineer), leadInput(null)))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('createLead') });
  });

  it('names the field and the rule for bad input, and writes nothing', async () => {
    const ctx = as(store, staff);
    expect(await failure(createLead(ctx, leadInput(null, { lastName: '  ' })))).toMatchObject({ code: 'BAD_USER_INPUT', message: 'input.lastName: must not be empty (got "  ")' });
    expect(await failure(createLead(ctx, leadInput(null, { email: 'not-an-email' })))).toMatchObject({ message: expect.stringContaining('input.email') });
    expect(await failure(createLead(ctx, leadInput(null, { earliestInterestDate: '2027-05-01', latestInterestDate: '2027-01-01' })))).toMatchObject({
      message: expect.stringContaining('input.latestInterestDate: must not be before the earliest interest date 2027-05-01'),
    });
    expect(await failure(createLead(ctx, leadInput(null, { lineItems: [{ productName: 'EV5', productType: 'VEHICLE', quantity: 0 }] })))).toMatchObject({
      message: expect.stringContaining('input.lineItems[0].quantity: must be a whole number from 1 to 9999'),
    });
    expect(await failure(createLead(ctx, leadInput(null, { preferredSellers: [{ dealerId: 'nope', reason: 'PREFERRED' }] })))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('input.preferredSellers[0].dealerId'),
    });
    expect(await store.query('select id from leads')).toEqual([]);
  });

  it('refuses a preferred seller that is not a dealer or is named twice', async () => {
    const ctx = as(store, staff);
    const lead = await createLead(ctx, leadInput(net.munich.id));
    expect(await failure(addLeadPreferredSeller(ctx, lead.id, { dealerId: net.munich.id, reason: 'PREFERRED' }))).toMatchObject({ code: 'CONFLICT' });
    const customer = await store.query<{ id: string }>("insert into accounts (id, name, type) values ('c1', 'Kunde', 'CUSTOMER') returning id");
    expect(await failure(addLeadPreferredSeller(ctx, lead.id, { dealerId: customer[0]!.id, reason: 'PREFERRED' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('must be a dealer account, not a customer'),
    });
  });

  it("hides another dealer's lead from a partner as not found, for reads and writes", async () => {
    const lead = await createLead(as(store, staff), leadInput(net.hamburg.id));
    const munichPartner = as(store, partnerOf(net.munich));
    expect(await failure(updateLead(munichPartner, lead.id, { rating: 'COLD' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(setLeadStatus(munichPartner, lead.id, 'Contacted'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(convertLead(munichPartner, lead.id))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('lead status rules', () => {
  it('moves through working statuses and qualifies only with need, authority and ability to deliver', async () => {
    const ctx = as(store, staff);
    const lead = await createLead(ctx, leadInput(net.munich.id));
    expect((await setLeadStatus(ctx, lead.id, 'Contacted')).status).toBe('Contacted');
    expect(await failure(setLeadStatus(ctx, lead.id, 'Qualified'))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('qualification criteria not met: need, authority, ability to deliver'),
      details: { rule: 'LEAD_CRITERIA_UNMET' },
    });
    await recordQualification(ctx, lead.id, { need: true, authority: true });
    expect(await failure(qualifyLead(ctx, lead.id, {}))).toMatchObject({ message: expect.stringContaining('not met: ability to deliver') });
    const qualified = await qualifyLead(ctx, lead.id, { abilityToDeliver: true });
    expect(qualified).toMatchObject({ status: 'Qualified', need: true, authority: true, ability_to_deliver: true });
  });

  it('refuses a status that does not exist, listing those that do', async () => {
    const ctx = as(store, staff);
    const lead = await createLead(ctx, leadInput(null));
    expect(await failure(setLeadStatus(ctx, lead.id, 'Hot'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('must be one of the lead statuses: Open, Contacted, Qualified, Unqualified, Nurturing'),
    });
  });

  it('disqualifies only with a reason, then nurtures or archives', async () => {
    const ctx = as(store, staff, new Date('2026-11-23T10:00:00Z'));
    const lead = await createLead(ctx, leadInput(null));
    expect(await failure(setLeadStatus(ctx, lead.id, 'Unqualified'))).toMatchObject({ message: expect.stringContaining('use disqualifyLead') });
    expect(await failure(disqualifyLead(ctx, lead.id, ' '))).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('reason') });
    expect(await failure(nurtureLead(ctx, lead.id, null, null))).toMatchObject({ code: 'CONFLICT', details: { rule: 'LEAD_NOT_UNQUALIFIED' } });
    expect(await failure(archiveLead(ctx, lead.id, 'no budget'))).toMatchObject({ code: 'CONFLICT', details: { rule: 'LEAD_NOT_UNQUALIFIED' } });
    await disqualifyLead(ctx, lead.id, 'no budget this year');
    expect(await failure(nurtureLead(ctx, lead.id, '2026-11-01', null))).toMatchObject({ message: expect.stringContaining('until: must be a date after today (2026-11-23)') });
    const nurtured = await nurtureLead(ctx, lead.id, '2027-06-01', null);
    expect(nurtured).toMatchObject({ status: 'Nurturing', status_kind: 'NURTURE', nurture_until: '2027-06-01' });
    const reopened = await setLeadStatus(ctx, lead.id, 'Contacted');
    expect(reopened).toMatchObject({ status: 'Contacted', nurture_until: null });
  });

  it('freezes archived leads', async () => {
    const ctx = as(store, staff);
    const lead = await createLead(ctx, leadInput(null));
    await disqualifyLead(ctx, lead.id, 'moved abroad');
    const archived = await archiveLead(ctx, lead.id, 'moved abroad');
    expect(archived.archived_at).toBeInstanceOf(Date);
    expect(await failure(setLeadStatus(ctx, lead.id, 'Open'))).toMatchObject({ code: 'CONFLICT', details: { rule: 'LEAD_ARCHIVED' } });
    expect(await failure(addLeadLineItem(ctx, lead.id, { productName: 'X', productType: 'VEHICLE', quantity: 1 }))).toMatchObject({ details: { rule: 'LEAD_ARCHIVED' } });
  });

  it('supports custom statuses defined as data, following the rules of their kind', async () => {
    const ctx = as(store, staff);
    const status = await defineLeadStatus(ctx, { name: 'Appointment Set', kind: 'WORKING', sortOrder: 25, description: 'a showroom visit is booked' });
    expect(status).toMatchObject({ name: 'Appointment Set', is_custom: true });
    expect(await failure(defineLeadStatus(ctx, { name: 'appointment set', kind: 'WORKING', sortOrder: 26 }))).toMatchObject({ code: 'CONFLICT' });
    expect(await failure(defineLeadStatus(as(store, partnerOf(net.munich)), { name: 'Mine', kind: 'OPEN', sortOrder: 1 }))).toMatchObject({ code: 'FORBIDDEN' });
    const lead = await createLead(ctx, leadInput(null));
    expect((await setLeadStatus(ctx, lead.id, 'Appointment Set')).status_kind).toBe('WORKING');
  });
});

describe('assigning leads to dealers', () => {
  it('lets staff route a lead and refuses partners and non-dealers', async () => {
    const ctx = as(store, staff);
    const lead = await createLead(ctx, leadInput(null));
    expect((await assignLeadToDealer(ctx, lead.id, net.hamburg.id)).dealer_id).toBe(net.hamburg.id);
    expect(await failure(assignLeadToDealer(as(store, partnerOf(net.hamburg)), lead.id, net.munich.id))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(assignLeadToDealer(ctx, lead.id, 'missing'))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('dealerId') });
  });

  it('removes line items only from leads the caller may change', async () => {
    const ctx = as(store, staff);
    const lead = await createLead(ctx, leadInput(net.hamburg.id));
    const [item] = await store.query<{ id: string }>('select id from lead_line_items where lead_id = $1 limit 1', [lead.id]);
    expect(await failure(removeLeadLineItem(as(store, partnerOf(net.munich)), item!.id))).toMatchObject({ code: 'NOT_FOUND' });
    await removeLeadLineItem(as(store, partnerOf(net.hamburg)), item!.id);
    expect(await store.query('select id from lead_line_items where id = $1', [item!.id])).toEqual([]);
  });
});
