import { describe, expect, it } from 'vitest';
import type { AccountRow, LeadPreferredSellerRow } from '../store/rows.ts';
import { distanceBetween, rankDealers } from './matchDealers.ts';

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
});
