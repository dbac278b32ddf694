import { afterEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { as, FakeCrm, openCpqStore, partnerOf } from '../testing/fixtures.ts';
import { createQuote } from '../commands/quotes.ts';
import { previewApprovals } from '../commands/previewApprovals.ts';
import { DEMO_APPROVERS, loadCatalogueIfEmpty } from './catalogue.ts';
import { dealerDemoRows, loadDealerDemoDataIfEmpty } from './dealers.ts';
import { DEMO_PRODUCTS } from './products.ts';

let store: DisposableStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('demo data', () => {
  it('loads the catalogue once into an empty store, priced and with approval rules that apply', async () => {
    store = await openCpqStore();
    expect(await loadCatalogueIfEmpty(store)).toEqual({ loaded: true, counts: { products: DEMO_PRODUCTS.length, priceBookEntries: DEMO_PRODUCTS.length, discountTiers: expect.any(Number), approvers: DEMO_APPROVERS.length, approvalRules: 4 } });
    expect(await loadCatalogueIfEmpty(store)).toEqual({ loaded: false });
    const dealers = [{ id: 'd-1', dealerCode: 'DE-MUC-01' }, { id: 'd-2', dealerCode: 'DE-HAM-01' }];
    expect((await loadDealerDemoDataIfEmpty(store, dealers)).loaded).toBe(true);
    expect((await loadDealerDemoDataIfEmpty(store, dealers)).loaded).toBe(false);
    const crm = new FakeCrm();
    crm.addOpportunity('o-1', 'd-1');
    const seller = as(store, partnerOf('d-1'), { crm });
    const quote = await createQuote(seller, { opportunityId: 'o-1', lines: [{ productCode: 'V-ARC-GT', quantity: 1, discountPercent: '12' }, { productCode: 'A-MAT-AW', quantity: 1 }, { productCode: 'S-MAINT-PLAN', quantity: 1, subscriptionTerm: 24 }] });
    expect(quote.net_amount).not.toBe('0.00');
    expect((await previewApprovals(seller, quote.id)).steps.map((s) => s.reasons.length > 0)).toEqual([true, true]);
  });

  it('gives each dealer the same stock and prices every time', () => {
    const dealers = [{ id: 'd-1', dealerCode: 'DE-MUC-01' }, { id: 'd-2', dealerCode: 'DE-HAM-01' }];
    expect(dealerDemoRows(dealers)).toEqual(dealerDemoRows([...dealers].reverse()));
    expect(dealerDemoRows(dealers).inventory.length).toBeGreaterThan(10);
  });
});
