import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { as, createNetwork, engineer, openCrmStore, partnerOf, staff, type Network } from '../testing/fixtures.ts';
import { createAccount } from './accounts.ts';
import { addOpportunityLineItem, createOpportunity, setOpportunityStage, updateOpportunity } from './opportunities.ts';
import { cancelTestDrive, completeTestDrive, scheduleTestDrive } from './testDrives.ts';

let store: DisposableStore;
let net: Network;
let customerId: string;
beforeEach(async () => {
  store = await openCrmStore();
  net = await createNetwork(store);
  customerId = (await createAccount(as(store, staff), { name: 'Fleet GmbH', type: 'CUSTOMER', servicingDealerId: net.munich.id })).id;
});
afterEach(() => store.close());

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code: string; message: string; details: Record<string, unknown> }) => ({ code: error.code, message: error.message, details: error.details }),
  );
}

const NOW = new Date('2026-11-23T10:00:00Z');

describe('opportunities', () => {
  it('starts open with the stage probability, closes won with a timestamp, and then stays closed', async () => {
    const ctx = as(store, staff, NOW);
    const opportunity = await createOpportunity(ctx, { name: 'Fleet of 12 vans', accountId: customerId, dealerId: net.munich.id, closeDate: '2027-01-31', amount: '480000.00' });
    expect(opportunity).toMatchObject({ stage: 'Prospecting', probability: 10, is_closed: false, amount: '480000.00' });
    expect((await setOpportunityStage(ctx, opportunity.id, 'Negotiation/Review', null)).probability).toBe(90);
    const won = await setOpportunityStage(ctx, opportunity.id, 'Closed Won', null);
    expect(won).toMatchObject({ is_closed: true, is_won: true, probability: 100, closed_at: NOW });
    expect(await failure(setOpportunityStage(ctx, opportunity.id, 'Prospecting', null))).toMatchObject({ code: 'CONFLICT', details: { rule: 'OPPORTUNITY_CLOSED' } });
    expect(await failure(updateOpportunity(ctx, opportunity.id, { amount: '1.00' }))).toMatchObject({ code: 'CONFLICT' });
    expect(await failure(addOpportunityLineItem(ctx, opportunity.id, { productName: 'Van', productType: 'VEHICLE', quantity: 1 }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('needs a loss reason to close lost, and only then', async () => {
    const ctx = as(store, staff);
    const opportunity = await createOpportunity(ctx, { name: 'One car', accountId: customerId, closeDate: '2027-01-31' });
    expect(await failure(setOpportunityStage(ctx, opportunity.id, 'Closed Lost', ' '))).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('lossReason') });
    expect(await failure(setOpportunityStage(ctx, opportunity.id, 'Qualification', 'price'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await failure(setOpportunityStage(ctx, opportunity.id, 'Closed Maybe', null))).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('Closed Won, Closed Lost') });
    expect(await setOpportunityStage(ctx, opportunity.id, 'Closed Lost', 'went with a competitor')).toMatchObject({ is_won: false, loss_reason: 'went with a competitor', probability: 0 });
  });

  it('checks money, probability and discount', async () => {
    const ctx = as(store, staff);
    const base = { name: 'X', accountId: customerId, closeDate: '2027-01-31' };
    expect(await failure(createOpportunity(ctx, { ...base, amount: '12.345' }))).toMatchObject({ message: expect.stringContaining('input.amount: must be a decimal number with at most 2 decimal places') });
    expect(await failure(createOpportunity(ctx, { ...base, discountPercent: '120' }))).toMatchObject({ message: expect.stringContaining('input.discountPercent: must be at most 100') });
    expect(await failure(createOpportunity(ctx, { ...base, probability: 101 }))).toMatchObject({ message: expect.stringContaining('input.probability') });
    expect(await failure(createOpportunity(ctx, { ...base, closeDate: '2027-02-30' }))).toMatchObject({ message: expect.stringContaining('input.closeDate: must be a calendar date') });
    expect(await failure(createOpportunity(ctx, { ...base, stage: 'Closed Won' }))).toMatchObject({ message: expect.stringContaining('starts open') });
  });

  it("keeps partners to their own dealer's opportunities and engineers out", async () => {
    const partner = as(store, partnerOf(net.munich));
    const mine = await createOpportunity(partner, { name: 'Mine', accountId: customerId, closeDate: '2027-01-31' });
    expect(mine.dealer_id).toBe(net.munich.id);
    const hamburgCustomer = await createAccount(as(store, staff), { name: 'Nord AG', type: 'CUSTOMER', servicingDealerId: net.hamburg.id });
    expect(await failure(createOpportunity(partner, { name: 'Theirs', accountId: hamburgCustomer.id, closeDate: '2027-01-31' }))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('input.accountId') });
    const theirs = await createOpportunity(as(store, staff), { name: 'Theirs', accountId: hamburgCustomer.id, dealerId: net.hamburg.id, closeDate: '2027-01-31' });
    expect(await failure(setOpportunityStage(partner, theirs.id, 'Qualification', null))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(setOpportunityStage(as(store, engineer), mine.id, 'Qualification', null))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('test drives', () => {
  it('are booked in the future at a dealer, completed once with a rating, or cancelled', async () => {
    const ctx = as(store, staff, NOW);
    const opportunity = await createOpportunity(ctx, { name: 'Drive first', accountId: customerId, dealerId: net.munich.id, closeDate: '2027-01-31' });
    expect(await failure(scheduleTestDrive(ctx, { opportunityId: opportunity.id, dealerId: net.munich.id, vehicle: 'EV5', scheduledAt: '2026-11-01T10:00:00Z' }))).toMatchObject({
      message: expect.stringContaining('input.scheduledAt: must be in the future'),
    });
    expect(await failure(scheduleTestDrive(ctx, { dealerId: net.munich.id, vehicle: 'EV5', scheduledAt: '2026-12-01T10:00:00Z' }))).toMatchObject({ message: expect.stringContaining('leadId or opportunityId') });
    const drive = await scheduleTestDrive(ctx, { opportunityId: opportunity.id, dealerId: net.munich.id, vehicle: 'EV5', scheduledAt: '2026-12-01T10:00:00+01:00' });
    expect(drive).toMatchObject({ status: 'SCHEDULED', scheduled_at: new Date('2026-12-01T09:00:00Z') });
    expect(await failure(completeTestDrive(ctx, drive.id, { rating: 6 }))).toMatchObject({ message: expect.stringContaining('input.rating: must be a whole number from 1 to 5') });
    expect(await completeTestDrive(ctx, drive.id, { rating: 5, feedback: 'loved the range' })).toMatchObject({ status: 'COMPLETED', rating: 5 });
    expect(await failure(cancelTestDrive(ctx, drive.id))).toMatchObject({ code: 'CONFLICT', details: { rule: 'TEST_DRIVE_NOT_SCHEDULED' } });
  });

  it('are booked by a partner only at its own dealer', async () => {
    const partner = as(store, partnerOf(net.munich), NOW);
    const opportunity = await createOpportunity(partner, { name: 'Mine', accountId: customerId, closeDate: '2027-01-31' });
    expect(await failure(scheduleTestDrive(partner, { opportunityId: opportunity.id, dealerId: net.hamburg.id, vehicle: 'EV5', scheduledAt: '2026-12-01T10:00:00Z' }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
