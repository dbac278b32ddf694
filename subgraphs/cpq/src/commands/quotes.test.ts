import { afterEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { linesByQuoteIds, quotesByIds } from '../store/quotes.ts';
import { as, createCatalogue, engineer, FakeCrm, HAMBURG, MUNICH, openCpqStore, partnerOf, recordedEvents, staff } from '../testing/fixtures.ts';
import { setInventory } from './catalogue.ts';
import { dealerStock } from './dealerStock.ts';
import { addQuoteLine, cloneQuote, createQuote, removeQuoteLine, setPrimaryQuote, updateQuote, updateQuoteLine } from './quotes.ts';

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

async function setUp() {
  store = await openCpqStore();
  const catalogue = await createCatalogue(store);
  const crm = new FakeCrm();
  crm.addOpportunity('opp-muc', MUNICH);
  crm.addOpportunity('opp-ham', HAMBURG);
  crm.addOpportunity('opp-closed', MUNICH, { isClosed: true, stage: 'Closed Lost' });
  return { catalogue, crm, staffCtx: as(store, staff, { crm, now }), munich: as(store, partnerOf(MUNICH), { crm, now }) };
}

describe('quotes', () => {
  it('are created for an opportunity read from CRM as the caller, priced from the dealer’s book with the standard one behind it', async () => {
    const { munich } = await setUp();
    const quote = await createQuote(munich, {
      opportunityId: 'opp-muc',
      lines: [
        { productCode: 'v-tra-cargol2h2', quantity: 5, discountPercent: '2' },
        { productCode: 'A-MAT-AW', quantity: 5 },
        { productCode: 'S-MAINT', quantity: 5, subscriptionTerm: 36 },
      ],
    });
    expect(quote).toMatchObject({
      number: 'Q-00001',
      name: 'Opportunity opp-muc',
      status: 'DRAFT',
      is_primary: true,
      opportunity_id: 'opp-muc',
      account_id: 'account-of-opp-muc',
      dealer_id: MUNICH,
      start_date: '2026-11-23',
      expiration_date: '2026-12-23',
      created_by: `partner-${MUNICH}`,
    });
    const lines = await linesByQuoteIds(store!, [quote.id]);
    // Van: 41200 less the 3 % tier for 5 = 39964.00, less 2 % = 39164.72; mats from Munich's own book; plan 359 × 36/12.
    expect(lines.map((l) => [l.product_code, l.list_price, l.volume_discount_percent, l.net_price, l.net_total, l.end_date])).toEqual([
      ['V-TRA-CARGOL2H2', '41200.00', '3.00', '39164.72', '195823.60', null],
      ['A-MAT-AW', '99.00', '0.00', '99.00', '495.00', null],
      ['S-MAINT', '359.00', '0.00', '1077.00', '5385.00', '2029-11-22'],
    ]);
    expect(quote).toMatchObject({ list_amount: '211880.00', net_amount: '201703.60', discount_amount: '10176.40', customer_discount_percent: '4.80' });
    expect((await recordedEvents(store!)).filter((e) => e.type === 'QuoteCreated')).toEqual([
      { type: 'QuoteCreated', entity_typename: 'Quote', entity_id: quote.id, dealer_ids: [MUNICH], changes: { number: 'Q-00001', opportunityId: 'opp-muc', isPrimary: true, netAmount: '201703.60', productFamilies: ['Transa Van', 'Interior', 'Service plans'] } },
    ]);
  });

  it('keep exactly one primary quote per opportunity', async () => {
    const { staffCtx } = await setUp();
    const first = await createQuote(staffCtx, { opportunityId: 'opp-muc' });
    const second = await createQuote(staffCtx, { opportunityId: 'opp-muc' });
    expect([first.is_primary, second.is_primary]).toEqual([true, false]);
    await setPrimaryQuote(staffCtx, second.id);
    const primaries = (await quotesByIds(store!, { kind: 'all' }, [first.id, second.id])).filter((q) => q.is_primary).map((q) => q.id);
    expect(primaries).toEqual([second.id]);
    const clone = await cloneQuote(staffCtx, second.id);
    expect(clone).toMatchObject({ is_primary: false, status: 'DRAFT', opportunity_id: 'opp-muc' });
  });

  it('reprice as lines are added, changed and removed; a discount given replaces the other kind', async () => {
    const { staffCtx } = await setUp();
    let quote = await createQuote(staffCtx, { opportunityId: 'opp-ham', lines: [{ productCode: 'V-ARC-GT', quantity: 1 }] });
    quote = await addQuoteLine(staffCtx, quote.id, { productCode: 'A-MAT-AW', quantity: 2, discountAmount: '19' });
    expect(quote.net_amount).toBe('78700.00');
    const [car, mats] = await linesByQuoteIds(store!, [quote.id]);
    quote = await updateQuoteLine(staffCtx, car!.id, { discountPercent: '10' });
    expect(quote.net_amount).toBe('70850.00');
    quote = await updateQuoteLine(staffCtx, mats!.id, { quantity: 4 });
    expect(quote.net_amount).toBe('71050.00');
    expect((await linesByQuoteIds(store!, [quote.id]))[1]).toMatchObject({ quantity: 4, discount_amount: '19.00', net_total: '400.00' });
    quote = await removeQuoteLine(staffCtx, mats!.id);
    expect(quote).toMatchObject({ net_amount: '70650.00', list_amount: '78500.00', customer_discount_percent: '10.00' });
    quote = await updateQuote(staffCtx, quote.id, { subscriptionTerm: 24, shipTo: 'Hamburg depot' });
    expect(quote).toMatchObject({ subscription_term: 24, ship_to: 'Hamburg depot' });
  });

  it('refuse bad lines with the field and the rule, writing nothing', async () => {
    const { staffCtx } = await setUp();
    const quote = await createQuote(staffCtx, { opportunityId: 'opp-muc' });
    expect(await failure(addQuoteLine(staffCtx, quote.id, { productCode: 'V-ARC-GT', quantity: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'input.quantity', value: 0 } });
    expect(await failure(addQuoteLine(staffCtx, quote.id, { productCode: 'V-ARC-GT', quantity: 1, discountPercent: '120' }))).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'input.discountPercent' } });
    expect(await failure(addQuoteLine(staffCtx, quote.id, { productCode: 'NOPE', quantity: 1 }))).toMatchObject({ code: 'BAD_USER_INPUT', message: 'input.productCode: is not a product in the catalogue (got "NOPE")' });
    expect(await failure(addQuoteLine(staffCtx, quote.id, { productCode: 'A-MAT-AW', quantity: 1, subscriptionTerm: 12 }))).toMatchObject({ details: { field: 'input.subscriptionTerm' } });
    expect(await failure(createQuote(staffCtx, { opportunityId: 'opp-muc', lines: [{ productCode: 'A-MAT-AW', quantity: 1 }, { productCode: 'A-MAT-AW', quantity: -2 }] }))).toMatchObject({
      details: { field: 'input.lines[1].quantity' },
    });
    expect(await linesByQuoteIds(store!, [quote.id])).toEqual([]);
    expect((await store!.query<{ n: number }>('select count(*)::int as n from quotes'))[0]!.n).toBe(1);
  });

  it('are refused for a closed opportunity', async () => {
    const { staffCtx } = await setUp();
    expect(await failure(createQuote(staffCtx, { opportunityId: 'opp-closed' }))).toMatchObject({ code: 'CONFLICT', details: { rule: 'OPPORTUNITY_CLOSED' } });
  });
});

describe('partner scope', () => {
  it('a partner cannot quote another dealer’s opportunity nor reach its quotes', async () => {
    const { staffCtx, munich } = await setUp();
    expect(await failure(createQuote(munich, { opportunityId: 'opp-ham' }))).toMatchObject({ code: 'NOT_FOUND', details: { typename: 'Opportunity', field: 'input.opportunityId' } });
    const hamburgQuote = await createQuote(staffCtx, { opportunityId: 'opp-ham', lines: [{ productCode: 'A-MAT-AW', quantity: 1 }] });
    expect(await failure(addQuoteLine(munich, hamburgQuote.id, { productCode: 'A-MAT-AW', quantity: 1 }))).toMatchObject({ code: 'NOT_FOUND', details: { typename: 'Quote' } });
    const [line] = await linesByQuoteIds(store!, [hamburgQuote.id]);
    expect(await failure(removeQuoteLine(munich, line!.id))).toMatchObject({ code: 'NOT_FOUND', details: { typename: 'QuoteLine' } });
    expect(await failure(cloneQuote(munich, hamburgQuote.id))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('engineers read but do not sell', async () => {
    const { crm } = await setUp();
    expect(await failure(createQuote(as(store!, engineer, { crm }), { opportunityId: 'opp-muc' }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('dealer stock', () => {
  it('is kept per dealer and asked for many dealers at once; a partner sees and sets only its own', async () => {
    const { staffCtx, munich } = await setUp();
    await setInventory(staffCtx, HAMBURG, 'V-ARC-GT', 2);
    await setInventory(munich, MUNICH, 'v-arc-gt', 1);
    await setInventory(munich, MUNICH, 'A-MAT-AW', 40);
    expect(await failure(setInventory(munich, HAMBURG, 'V-ARC-GT', 9))).toMatchObject({ code: 'FORBIDDEN' });
    const all = await dealerStock(staffCtx, [MUNICH, HAMBURG, 'dealer-without-stock'], ['V-ARC-GT']);
    expect(all.map((i) => [i.dealer_id, i.product_code, i.quantity_on_hand])).toEqual([
      [HAMBURG, 'V-ARC-GT', 2],
      [MUNICH, 'V-ARC-GT', 1],
    ]);
    expect((await dealerStock(munich, [MUNICH, HAMBURG], ['V-ARC-GT', 'A-MAT-AW'])).map((i) => [i.dealer_id, i.product_code])).toEqual([
      [MUNICH, 'A-MAT-AW'],
      [MUNICH, 'V-ARC-GT'],
    ]);
    const changed = (await recordedEvents(store!)).filter((e) => e.type === 'InventoryChanged');
    expect(changed[0]).toMatchObject({ dealer_ids: [HAMBURG], changes: { productCode: 'V-ARC-GT', quantityOnHand: { from: null, to: 2 } } });
  });
});
