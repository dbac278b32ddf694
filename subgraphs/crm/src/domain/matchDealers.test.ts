import { describe, expect, it } from 'vitest';
import type { AccountRow, LeadPreferredSellerRow } from '../store/rows.ts';
import { distanceBetween, rankDealers, stockCoverage } from './matchDealers.ts';

function dealer(id: string, latitude: number | null, longitude: number | null): AccountRow {
  const at = new Date('2026-01-01T00:00:00Z');
  return { id, name: `Dealer ${id}`, type: 'DEALER', dealer_code: id, dealer_id: null, email: null, phone: null, website: null, street: null, city: null, postal_code: null, country: null, latitude, longitude, created_at: at, updated_at: at };
}

const freising = { latitude: 48.403, longitude: 11.749 };
const munich = dealer('muc', 48.137, 11.575);
const augsburg = dealer('aug', 48.371, 10.898);
const hamburg = dealer('ham', 53.551, 9.993);
const nowhere = dealer('nil', null, null);

describe('dealer matching', () => {
  it('measures great-circle distances', () => {
    expect(distanceBetween(munich, hamburg)).toBeCloseTo(612, -1);
    expect(distanceBetween(munich, nowhere)).toBeNull();
  });

  it('prefers the nearer dealer when records are equal', () => {
    const ranked = rankDealers(freising, [], [hamburg, augsburg, munich].map((d) => ({ dealer: d, wonOpportunities: 3, positiveTestDrives: 1 })), { first: 3 });
    expect(ranked.map((m) => m.dealer.id)).toEqual(['muc', 'aug', 'ham']);
    expect(ranked[0]!.reasons[0]).toBe('32.3 km away');
  });

  it('lets a record of happy customers outweigh a short distance', () => {
    const ranked = rankDealers(freising, [], [
      { dealer: munich, wonOpportunities: 0, positiveTestDrives: 0 },
      { dealer: augsburg, wonOpportunities: 40, positiveTestDrives: 20 },
    ], { first: 2 });
    expect(ranked.map((m) => m.dealer.id)).toEqual(['aug', 'muc']);
  });

  it("counts the customer's preferred seller and says so", () => {
    const seller: LeadPreferredSellerRow = { id: 's', lead_id: 'l', dealer_id: 'aug', reason: 'PREVIOUS_PURCHASE', notes: null, created_at: new Date() };
    const ranked = rankDealers(freising, [seller], [munich, augsburg].map((d) => ({ dealer: d, wonOpportunities: 0, positiveTestDrives: 0 })), { first: 2 });
    expect(ranked[0]).toMatchObject({ isPreferred: true, reasons: expect.arrayContaining(['named by the lead as a preferred seller (PREVIOUS_PURCHASE)']) });
  });

  it('leaves out dealers beyond the maximum distance and keeps at most `first`', () => {
    const candidates = [munich, augsburg, hamburg, nowhere].map((d) => ({ dealer: d, wonOpportunities: 1, positiveTestDrives: 0 }));
    expect(rankDealers(freising, [], candidates, { first: 10, maxDistanceKm: 100 }).map((m) => m.dealer.id)).toEqual(['muc', 'aug', 'nil']);
    expect(rankDealers(freising, [], candidates, { first: 1 })).toHaveLength(1);
  });

  it('prefers the dealer with the lead’s products in stock, saying how much it has', () => {
    const wanted = [{ product_code: 'V-ARC-GT', quantity: 2 }, { product_code: 'A-MAT-AW', quantity: 2 }, { product_code: null, quantity: 1 }];
    const ranked = rankDealers(freising, [], [
      { dealer: munich, wonOpportunities: 1, positiveTestDrives: 0, stock: stockCoverage(wanted, new Map()) },
      { dealer: augsburg, wonOpportunities: 1, positiveTestDrives: 0, stock: stockCoverage(wanted, new Map([['V-ARC-GT', 5], ['A-MAT-AW', 2]])) },
      { dealer: hamburg, wonOpportunities: 1, positiveTestDrives: 0, stock: stockCoverage(wanted, new Map([['V-ARC-GT', 1]])) },
    ], { first: 3 });
    expect(ranked.map((m) => [m.dealer.id, m.reasons.at(-1)])).toEqual([
      ['aug', 'has all 4 requested units in stock'],
      ['muc', 'has none of the requested products in stock'],
      ['ham', 'has 1 of 4 requested units in stock'],
    ]);
  });

  it('ranks as before when stock is unknown, and says so', () => {
    const candidates = [munich, augsburg, hamburg].map((d, i) => ({ dealer: d, wonOpportunities: i, positiveTestDrives: 1 }));
    const without = rankDealers(freising, [], candidates, { first: 3 });
    const unknown = rankDealers(freising, [], candidates.map((c) => ({ ...c, stock: 'UNKNOWN' as const })), { first: 3 });
    expect(unknown.map((m) => [m.dealer.id, m.score])).toEqual(without.map((m) => [m.dealer.id, m.score]));
    expect(unknown[0]!.reasons.at(-1)).toBe('stock unknown');
    expect(without[0]!.reasons.at(-1)).not.toBe('stock unknown');
  });

  it('counts stock per product up to what the lead wants; nothing to say without product codes', () => {
    expect(stockCoverage([{ product_code: 'A', quantity: 3 }, { product_code: 'A', quantity: 1 }, { product_code: 'B', quantity: 1 }], new Map([['A', 10]]))).toEqual({ wanted: 5, covered: 4 });
    expect(stockCoverage([{ product_code: null, quantity: 3 }], new Map())).toBeNull();
    expect(stockCoverage([{ product_code: 'A', quantity: 3 }], null)).toBeNull();
  });
});
