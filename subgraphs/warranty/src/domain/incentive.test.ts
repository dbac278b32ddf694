import { fromCents } from '@l2c/shared';
import { describe, expect, it } from 'vitest';
import { chooseProgram, incentiveCents, splitIncentive, type Program, type Sale } from './incentive.ts';

const program = (overrides: Partial<Program>): Program => ({
  id: 'p', code: 'LYRA-Q2', appliesTo: 'REBATE_CLAIM', productCodes: ['V-LYRA'], saleTypes: [], validFrom: '2026-04-01', validTo: '2026-06-30',
  calculation: 'PER_UNIT', amountPerUnit: '750.00', percent: null, tierBasis: null, tiers: [], tradeSharePercent: '30.00', maxDeliveryMileage: 500, isActive: true, ...overrides,
});
const sale: Sale = { kind: 'REBATE_CLAIM', productCode: 'V-LYRA', saleDate: '2026-05-10', quantity: 1, totalCents: 3_899_000n, saleType: 'CASH', deliveryMileage: 12, programCode: null, tradingDealerId: null };

describe('incentives as data', () => {
  it('pays per unit, a percentage of the price, or by tiers', () => {
    expect(incentiveCents(program({}), sale)).toBe(75_000n);
    expect(incentiveCents(program({ calculation: 'PERCENT_OF_PRICE', percent: '1.25' }), sale)).toBe(48_738n);
    const tiers = program({ calculation: 'TIERED', tierBasis: 'QUANTITY', tiers: [{ from: '1', percent: '2.00' }, { from: '10', percent: '3.50' }, { from: '50', perUnit: '5.00' }] });
    const parts: Sale = { ...sale, kind: 'TRANSACTION_JOURNAL', quantity: 12, totalCents: 23_800n };
    expect(incentiveCents(tiers, parts)).toBe(833n);
    expect(incentiveCents(tiers, { ...parts, quantity: 9 })).toBe(476n);
    expect(incentiveCents(tiers, { ...parts, quantity: 60 })).toBe(30_000n);
    const byPrice = program({ calculation: 'TIERED', tierBasis: 'UNIT_PRICE', tiers: [{ from: '30000', perUnit: '500.00' }, { from: '45000', perUnit: '900.00' }] });
    expect(incentiveCents(byPrice, sale)).toBe(50_000n);
    expect(incentiveCents(byPrice, { ...sale, totalCents: 2_000_000n })).toBe(0n);
  });

  it('chooses the program the dealer named if it pays, else the first that pays, and says why not', () => {
    const programs = [program({}), program({ id: 'q', code: 'FLEET', saleTypes: ['LEASE'] })];
    expect(chooseProgram(sale, programs)).toMatchObject({ program: { code: 'LYRA-Q2' } });
    expect(chooseProgram({ ...sale, programCode: 'FLEET' }, programs)).toEqual({ program: null, note: 'program FLEET pays for LEASE sales; this one is CASH' });
    expect(chooseProgram({ ...sale, saleDate: '2026-07-01' }, programs).note).toBe('no active program pays for product V-LYRA sold on 2026-07-01');
    expect(chooseProgram({ ...sale, deliveryMileage: 900 }, [program({})]).note).toBe('no active program pays for product V-LYRA sold on 2026-05-10');
    expect(chooseProgram({ ...sale, deliveryMileage: 900, programCode: 'LYRA-Q2' }, [program({})]).note).toBe('program LYRA-Q2 pays for vehicles delivered with at most 500 of mileage; this one had 900');
  });

  it('splits a trade between the dealers to the cent', () => {
    expect(splitIncentive(75_000n, program({}), 'munich', null)).toEqual([{ dealerId: 'munich', role: 'SELLING', cents: 75_000n }]);
    const split = splitIncentive(48_737n, program({ tradeSharePercent: '33.33' }), 'munich', 'hamburg');
    expect(split.map((a) => [a.dealerId, a.role, fromCents(a.cents)])).toEqual([['munich', 'SELLING', '324.93'], ['hamburg', 'SUPPLYING', '162.44']]);
    for (const cents of [1n, 99n, 100n, 48_737n, 9_999_999n]) {
      for (const share of ['0.00', '12.50', '33.33', '50.00', '99.99', '100.00']) {
        const parts = splitIncentive(cents, program({ tradeSharePercent: share }), 'a', 'b');
        expect(parts.reduce((s, p) => s + p.cents, 0n)).toBe(cents);
      }
    }
  });
});
