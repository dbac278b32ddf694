import { afterEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import type { DealerStockSource } from '../dealerStock.ts';
import { as, createNetwork, leadInput, openCrmStore, partnerOf, staff } from '../testing/fixtures.ts';
import { createLead } from './leads.ts';
import { matchDealers } from './matchDealers.ts';

let store: DisposableStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** A stock source that records what it was asked; `levels` null plays a CPQ that does not answer. */
function stockSource(levels: Map<string, Map<string, number>> | null) {
  const asked: { dealerIds: readonly string[]; productCodes: readonly string[] }[] = [];
  const source: DealerStockSource = {
    async stockAt(dealerIds, productCodes) {
      asked.push({ dealerIds, productCodes });
      return levels;
    },
  };
  return { source, asked };
}

describe('matching dealers with stock from CPQ', () => {
  it('asks for the lead’s products at every dealer in one request and prefers the dealer that has them', async () => {
    store = await openCrmStore();
    const net = await createNetwork(store);
    const lead = await createLead(as(store, staff), leadInput(null, { address: { city: 'Kassel', country: 'DE', latitude: 51.312, longitude: 9.48 } }));
    const { source, asked } = stockSource(new Map([[net.hamburg.id, new Map([['EV5-LR', 1], ['ACC-RACK', 3]])]]));
    const matches = await matchDealers({ ...as(store, staff), dealerStock: source }, lead.id, 5, null);
    expect(asked).toEqual([{ dealerIds: expect.arrayContaining([net.munich.id, net.hamburg.id]), productCodes: ['EV5-LR', 'ACC-RACK'] }]);
    expect(matches.map((m) => [m.dealer.id, m.reasons.at(-1)])).toEqual([
      [net.hamburg.id, 'has all 2 requested units in stock'],
      [net.munich.id, 'has none of the requested products in stock'],
    ]);
  });

  it('asks only for its own dealer’s stock for a partner', async () => {
    store = await openCrmStore();
    const net = await createNetwork(store);
    const partner = as(store, partnerOf(net.munich));
    const lead = await createLead(partner, leadInput(net.munich.id));
    const { source, asked } = stockSource(new Map([[net.munich.id, new Map([['EV5-LR', 1]])]]));
    const matches = await matchDealers({ ...partner, dealerStock: source }, lead.id, 5, null);
    expect(asked.map((a) => a.dealerIds)).toEqual([[net.munich.id]]);
    expect(matches.map((m) => [m.dealer.id, m.reasons.at(-1)])).toEqual([[net.munich.id, 'has 1 of 2 requested units in stock']]);
  });

  it('still ranks when CPQ does not answer, saying stock is unknown', async () => {
    store = await openCrmStore();
    const net = await createNetwork(store);
    const lead = await createLead(as(store, staff), leadInput(net.munich.id));
    const { source } = stockSource(null);
    const withoutCpq = await matchDealers(as(store, staff), lead.id, 5, null);
    const cpqDown = await matchDealers({ ...as(store, staff), dealerStock: source }, lead.id, 5, null);
    expect(cpqDown.map((m) => [m.dealer.id, m.score])).toEqual(withoutCpq.map((m) => [m.dealer.id, m.score]));
    expect(cpqDown[0]!.reasons.at(-1)).toBe('stock unknown');
  });
});
