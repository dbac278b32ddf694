import { afterEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { sumMoney } from '../domain/money.ts';
import { assetsByContractIds, contractsByQuoteIds, entitlementsActiveOn, itemsByOrderIds, ordersByQuoteIds, subscriptionsByContractIds } from '../store/orders.ts';
import { linesByQuoteIds } from '../store/quotes.ts';
import { as, createCatalogue, FakeCrm, HAMBURG, MUNICH, openCpqStore, partnerOf, recordedEvents, staff } from '../testing/fixtures.ts';
import { activateOrder } from './activateOrder.ts';
import { submitQuote } from './approvals.ts';
import { addOrderItem, removeOrderItem, setOrderItemQuantity } from './orders.ts';
import { acceptQuote, denyQuote, presentQuote, syncQuoteToOpportunity } from './quoteLifecycle.ts';
import { createQuote } from './quotes.ts';

let store: DisposableStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code: string; message: string; details: Record<string, unknown> }) => ({ code: error.code, message: error.message, details: error.details }),
  );
}

const now = new Date('2026-11-23T10:00:00Z');

/**
 * A fleet deal for a customer of the Munich dealer: vans and mats to two depots on two dates, and a maintenance plan
 * starting later, so acceptance makes three orders. Prices round on several lines.
 */
async function acceptedFleetDeal(driver: 'pglite' | 'postgres', crm = new FakeCrm()) {
  store = await openCpqStore(driver);
  await createCatalogue(store);
  crm.addOpportunity('opp-fleet', MUNICH);
  const seller = as(store, partnerOf(MUNICH), { crm, now });
  const quote = await createQuote(seller, {
    opportunityId: 'opp-fleet',
    startDate: '2027-01-15',
    expirationDate: '2027-02-15',
    shipTo: 'Depot Munich',
    lines: [
      { productCode: 'V-TRA-CARGOL2H2', quantity: 6, discountPercent: '3.33' },
      { productCode: 'A-MAT-AW', quantity: 6, discountAmount: '0.01' },
      { productCode: 'V-TRA-CARGOL2H2', quantity: 2, shipTo: 'Depot Augsburg', discountPercent: '7.35' },
      { productCode: 'S-MAINT', quantity: 8, subscriptionTerm: 7, requestedDate: '2027-03-01', startDate: '2027-03-01' },
    ],
  });
  await submitQuote(seller, quote.id);
  await presentQuote(seller, quote.id);
  const accepted = await acceptQuote(seller, quote.id);
  return { seller, crm, quote: accepted };
}

describe.each(['pglite', 'postgres'] as const)('an accepted quote on %s', (driver) => {
  it('becomes three orders by ship-to and date that reconcile to the cent, and syncs its totals to the opportunity as the caller', async () => {
    const { quote, crm } = await acceptedFleetDeal(driver);
    expect(quote).toMatchObject({ status: 'ACCEPTED', is_primary: true, sync_status: 'SYNCED', sync_error: null });
    const orders = await ordersByQuoteIds(store!, [quote.id]);
    expect(orders.map((o) => [o.effective_date, o.ship_to, o.status, o.total_amount])).toEqual([
      ['2027-01-15', 'Depot Augsburg', 'DRAFT', '76343.60'],
      ['2027-01-15', 'Depot Munich', 'DRAFT', '232393.14'],
      ['2027-03-01', 'Depot Munich', 'DRAFT', '1675.36'],
    ]);
    expect(sumMoney(orders.map((o) => o.total_amount))).toBe(quote.net_amount);
    expect(quote.net_amount).toBe('310412.10');
    const items = await itemsByOrderIds(store!, orders.map((o) => o.id));
    const lines = await linesByQuoteIds(store!, [quote.id]);
    expect(items.map((i) => i.quote_line_id).sort()).toEqual(lines.map((l) => l.id).sort());
    expect(items.map((i) => [i.quote_line_id, i.total_price]).sort()).toEqual(lines.map((l) => [l.id, l.net_total]).sort());
    expect(crm.synced).toEqual([{ opportunityId: 'opp-fleet', amount: '310412.10', discountPercent: quote.customer_discount_percent, as: `partner-${MUNICH}` }]);
    const events = await recordedEvents(store!);
    expect(events.filter((e) => e.type === 'OrderCreated').map((e) => e.changes['part'])).toEqual(['1 of 3', '2 of 3', '3 of 3']);
    expect(events.find((e) => e.type === 'QuoteAccepted')).toMatchObject({ dealer_ids: [MUNICH], changes: { netAmount: '310412.10', orderIds: orders.map((o) => o.id) } });
  });

  it('activating the orders builds one contract with subscriptions, assets and entitlements, active on the right days', async () => {
    const { quote, seller } = await acceptedFleetDeal(driver);
    const [augsburg, munich, plan] = await ordersByQuoteIds(store!, [quote.id]);
    const activated = await activateOrder({ ...seller, now: () => new Date('2027-01-10T08:00:00Z') }, munich!.id);
    expect(activated).toMatchObject({ status: 'ACTIVATED', contract_id: expect.any(String) });
    const [contract] = await contractsByQuoteIds(store!, [quote.id]);
    expect(contract).toMatchObject({ status: 'ACTIVATED', account_id: 'account-of-opp-fleet', dealer_id: MUNICH, start_date: '2027-01-15', end_date: '2028-01-14', term_months: 12 });
    await activateOrder(seller, augsburg!.id);
    await activateOrder(seller, plan!.id);
    const [extended] = await contractsByQuoteIds(store!, [quote.id]);
    // The plan's 7-month subscription from 2027-03-01 ends 2027-09-30, inside the 12-month term; the term itself
    // stretches to a year after the latest order's date.
    expect(extended).toMatchObject({ start_date: '2027-01-15', end_date: '2028-02-29', term_months: 14 });
    expect((await ordersByQuoteIds(store!, [quote.id])).every((o) => o.contract_id === contract!.id)).toBe(true);
    expect((await subscriptionsByContractIds(store!, [contract!.id])).map((s) => [s.quantity, s.net_price, s.start_date, s.end_date])).toEqual([[8, '209.42', '2027-03-01', '2027-09-30']]);
    const assets = await assetsByContractIds(store!, [contract!.id]);
    expect(assets.filter((a) => a.name === 'Transa Van Cargo L2H2')).toHaveLength(8);
    expect(assets.filter((a) => a.name === 'All-weather floor mats').map((a) => a.quantity)).toEqual([6]);
    const onDay = async (day: string) => (await entitlementsActiveOn(store!, seller.scope, ['account-of-opp-fleet'], day)).map((e) => e.name);
    expect(await onDay('2027-01-14')).toEqual([]);
    expect(await onDay('2027-02-01')).toEqual(Array(8).fill('Roadside assistance'));
    expect(await onDay('2027-06-30')).toEqual([...Array(8).fill('Roadside assistance'), 'Maintenance plan']);
    expect(await onDay('2027-10-01')).toEqual(Array(8).fill('Roadside assistance'));
    expect(await onDay('2030-01-15')).toEqual([]);
    expect(await entitlementsActiveOn(store!, as(store!, partnerOf(HAMBURG)).scope, ['account-of-opp-fleet'], '2027-06-30')).toEqual([]);
    const events = (await recordedEvents(store!)).map((e) => e.type);
    expect(events.filter((t) => t === 'ContractActivated')).toHaveLength(1);
    expect(events.filter((t) => t === 'ContractExtended')).toHaveLength(1);
    expect(events.filter((t) => t === 'OrderStatusChanged')).toHaveLength(3);
  });
});

describe('orders before and after activation', () => {
  it('are amended while draft and fixed once activated', async () => {
    const { quote, seller } = await acceptedFleetDeal('pglite');
    const [augsburg] = await ordersByQuoteIds(store!, [quote.id]);
    let order = await addOrderItem(seller, augsburg!.id, { productCode: 'A-MAT-AW', quantity: 2 });
    expect(order.total_amount).toBe('76541.60');
    const added = (await itemsByOrderIds(store!, [augsburg!.id])).find((i) => i.quote_line_id === null)!;
    order = await setOrderItemQuantity(seller, added.id, 3);
    expect(order.total_amount).toBe('76640.60');
    order = await removeOrderItem(seller, added.id);
    expect(order.total_amount).toBe('76343.60');
    const [only] = await itemsByOrderIds(store!, [augsburg!.id]);
    expect(await failure(removeOrderItem(seller, only!.id))).toMatchObject({ code: 'CONFLICT', details: { rule: 'ORDER_WOULD_BE_EMPTY' } });
    await activateOrder(seller, augsburg!.id);
    expect(await failure(setOrderItemQuantity(seller, only!.id, 1))).toMatchObject({ code: 'CONFLICT', details: { rule: 'ORDER_ACTIVATED' } });
    expect(await failure(activateOrder(seller, augsburg!.id))).toMatchObject({ code: 'CONFLICT', details: { rule: 'ORDER_ACTIVATED' } });
    expect(await failure(addOrderItem(as(store!, partnerOf(HAMBURG)), augsburg!.id, { productCode: 'A-MAT-AW', quantity: 1 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await recordedEvents(store!)).filter((e) => e.type === 'OrderAmended').map((e) => e.changes['action'])).toEqual(['ADD', 'CHANGE_QUANTITY', 'REMOVE']);
  });
});

describe('syncing totals to the opportunity', () => {
  it('records a failure without undoing the acceptance, and a retry succeeds', async () => {
    const crm = new FakeCrm();
    crm.failSync = 'UNREACHABLE';
    const { quote, seller } = await acceptedFleetDeal('pglite', crm);
    expect(quote).toMatchObject({ status: 'ACCEPTED', sync_status: 'FAILED', sync_error: expect.stringContaining('CRM could not be reached') });
    expect(await ordersByQuoteIds(store!, [quote.id])).toHaveLength(3);
    crm.failSync = 'CLOSED';
    expect((await syncQuoteToOpportunity(seller, quote.id)).sync_error).toBe(`CRM refused: opportunity opp-fleet is Closed Lost; a closed opportunity does not change (CONFLICT)`);
    crm.failSync = null;
    expect(await syncQuoteToOpportunity(seller, quote.id)).toMatchObject({ sync_status: 'SYNCED', sync_error: null });
    expect(crm.synced).toHaveLength(1);
  });
});

describe('answering a quote', () => {
  it('accepts only a presented, unexpired quote, once per opportunity; a denial keeps the reason', async () => {
    store = await openCpqStore();
    await createCatalogue(store);
    const crm = new FakeCrm();
    crm.addOpportunity('opp-1', MUNICH);
    const seller = as(store, staff, { crm, now });
    const quote = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'A-MAT-AW', quantity: 1 }] });
    expect(await failure(acceptQuote(seller, quote.id))).toMatchObject({ code: 'CONFLICT', details: { rule: 'QUOTE_NOT_PRESENTED' } });
    expect(await failure(presentQuote(seller, quote.id))).toMatchObject({ details: { rule: 'QUOTE_NOT_APPROVED' } });
    await submitQuote(seller, quote.id);
    await presentQuote(seller, quote.id);
    const late = as(store, staff, { crm, now: new Date('2026-12-24T10:00:00Z') });
    expect(await failure(acceptQuote(late, quote.id))).toMatchObject({ details: { rule: 'QUOTE_EXPIRED' } });
    const other = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'A-MAT-AW', quantity: 3 }] });
    await submitQuote(seller, other.id);
    await presentQuote(seller, other.id);
    const accepted = await acceptQuote(seller, other.id);
    expect(accepted.is_primary).toBe(true);
    expect(await failure(acceptQuote(seller, quote.id))).toMatchObject({ details: { rule: 'OPPORTUNITY_HAS_ACCEPTED_QUOTE' } });
    expect(await denyQuote(seller, quote.id, 'went with the other configuration')).toMatchObject({ status: 'DENIED', denial_reason: 'went with the other configuration', is_primary: false });
    expect((await recordedEvents(store!)).filter((e) => e.type === 'QuotePrimaryChanged')).toHaveLength(1);
  });
});
