import { describe, expect, it } from 'vitest';
import { compareDecimals, divideHalfUp, formatScaled, fromCents, parseScaled, sumMoney } from './money.ts';
import { checkTiers, priceLine, quoteTotals } from './pricing.ts';

function refusal(work: () => unknown): { code: string; message: string; details: Record<string, unknown> } {
  try {
    work();
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
}

describe('exact money', () => {
  it('parses and writes decimals without floats, refusing extra decimal places instead of rounding them', () => {
    expect(parseScaled('0.1', 2)).toBe(10n);
    expect(parseScaled('-12.34', 2)).toBe(-1234n);
    expect(parseScaled('1.234', 2)).toBeNull();
    expect(parseScaled('1e3', 2)).toBeNull();
    expect(formatScaled(5n, 2)).toBe('0.05');
    expect(formatScaled(-5n, 2)).toBe('-0.05');
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
    expect(compareDecimals('10', '10.00')).toBe(0);
    expect(compareDecimals('99999.995', '100000')).toBe(-1);
  });

  it('rounds half-up, ties away from zero', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(4n, 3n)).toBe(1n);
    expect(divideHalfUp(5n, 3n)).toBe(2n);
    expect(fromCents(divideHalfUp(1n * 2345n, 10n))).toBe('2.35');
  });
});

describe('pricing a line', () => {
  it('runs the waterfall: list, volume tier, additional discount, net, totals', () => {
    const price = priceLine({
      listPrice: '1090.00',
      quantity: 12,
      tiers: [
        { minQuantity: 5, discountPercent: '5' },
        { minQuantity: 10, discountPercent: '8' },
        { minQuantity: 50, discountPercent: '12' },
      ],
      discountPercent: '2.5',
    });
    expect(price).toEqual({
      listPrice: '1090.00',
      proratedListPrice: '1090.00',
      volumeDiscountPercent: '8.00',
      regularPrice: '1002.80',
      discountPercent: '2.50',
      discountAmount: null,
      customerPrice: '977.73',
      netPrice: '977.73',
      listTotal: '13080.00',
      netTotal: '11732.76',
      totalDiscountAmount: '1347.24',
      totalDiscountPercent: '10.30',
    });
  });

  it('applies a tier from its minimum quantity exactly, not one unit earlier', () => {
    const tiers = [{ minQuantity: 10, discountPercent: '8' }];
    expect(priceLine({ listPrice: '100.00', quantity: 9, tiers }).volumeDiscountPercent).toBe('0.00');
    expect(priceLine({ listPrice: '100.00', quantity: 10, tiers }).volumeDiscountPercent).toBe('8.00');
  });

  it('rounds each unit price half-up to the cent, so totals are exact multiples', () => {
    // 0.15 less 50 % is 0.075: half a cent rounds up to 0.08.
    expect(priceLine({ listPrice: '0.15', quantity: 3, discountPercent: '50' })).toMatchObject({ netPrice: '0.08', netTotal: '0.24' });
    // 10.00 less 33.33 % is 6.667: rounds to 6.67.
    expect(priceLine({ listPrice: '10.00', quantity: 7, discountPercent: '33.33' })).toMatchObject({ netPrice: '6.67', netTotal: '46.69', totalDiscountAmount: '23.31', totalDiscountPercent: '33.30' });
  });

  it('takes an amount off each unit, up to the regular price', () => {
    expect(priceLine({ listPrice: '27490.00', quantity: 2, discountAmount: '1490' })).toMatchObject({ discountAmount: '1490.00', netPrice: '26000.00', netTotal: '52000.00', totalDiscountPercent: '5.42' });
    expect(priceLine({ listPrice: '99.99', quantity: 1, discountAmount: '99.99' })).toMatchObject({ netTotal: '0.00', totalDiscountPercent: '100.00' });
  });

  it('prorates a subscription over the term sold', () => {
    // 12-month list price 359.00 sold for 7 months: 359 × 7 / 12 = 209.4166… → 209.42
    expect(priceLine({ listPrice: '359.00', quantity: 2, subscription: { term: 7, defaultTerm: 12 } })).toMatchObject({
      listPrice: '359.00',
      proratedListPrice: '209.42',
      netTotal: '418.84',
    });
    expect(priceLine({ listPrice: '359.00', quantity: 1, subscription: { term: 36, defaultTerm: 12 } }).netTotal).toBe('1077.00');
  });

  it('prices a free product at zero without dividing by zero', () => {
    expect(priceLine({ listPrice: '0.00', quantity: 4, discountPercent: '10' })).toMatchObject({ netTotal: '0.00', totalDiscountPercent: '0.00' });
  });

  it('refuses a zero, negative or fractional quantity', () => {
    for (const quantity of [0, -1, 1.5]) {
      expect(refusal(() => priceLine({ listPrice: '10.00', quantity }, 'input'))).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'input.quantity', value: quantity } });
    }
    expect(refusal(() => priceLine({ listPrice: '10.00', quantity: 0 })).message).toContain('input.quantity: must be a whole number from 1 to 100000');
  });

  it('refuses a discount over 100 %, a negative one, or one with too many decimals', () => {
    expect(refusal(() => priceLine({ listPrice: '10.00', quantity: 1, discountPercent: '100.01' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'input.discountPercent: must be at most 100 (a discount cannot exceed the price) (got "100.01")',
    });
    expect(refusal(() => priceLine({ listPrice: '10.00', quantity: 1, discountPercent: '-1' })).details).toMatchObject({ field: 'input.discountPercent' });
    expect(refusal(() => priceLine({ listPrice: '10.00', quantity: 1, discountPercent: '12.345' })).details).toMatchObject({ field: 'input.discountPercent' });
    expect(priceLine({ listPrice: '10.00', quantity: 1, discountPercent: '100' }).netTotal).toBe('0.00');
  });

  it('refuses an amount over the price, and both kinds of discount at once', () => {
    expect(refusal(() => priceLine({ listPrice: '10.00', quantity: 1, discountAmount: '10.01' })).message).toBe(
      'input.discountAmount: must be at most the regular unit price 10.00 (a discount cannot exceed the price) (got "10.01")',
    );
    expect(refusal(() => priceLine({ listPrice: '10.00', quantity: 1, discountPercent: '5', discountAmount: '1' })).details).toMatchObject({ field: 'input.discountAmount' });
  });

  it('refuses subscription terms outside 1 to 120 months', () => {
    expect(refusal(() => priceLine({ listPrice: '10.00', quantity: 1, subscription: { term: 0, defaultTerm: 12 } })).details).toMatchObject({ field: 'input.subscriptionTerm' });
  });
});

describe('quote totals', () => {
  it('are exact sums of the lines with the overall discount off list', () => {
    const lines = [
      priceLine({ listPrice: '41200.00', quantity: 3, discountPercent: '7.5' }),
      priceLine({ listPrice: '1090.00', quantity: 3 }),
      priceLine({ listPrice: '0.15', quantity: 3, discountPercent: '50' }),
    ];
    const totals = quoteTotals(lines);
    expect(totals).toEqual({ listAmount: '126870.45', netAmount: '117600.24', discountAmount: '9270.21', customerDiscountPercent: '7.31' });
    expect(sumMoney(lines.map((l) => l.netTotal))).toBe(totals.netAmount);
    expect(quoteTotals([])).toEqual({ listAmount: '0.00', netAmount: '0.00', discountAmount: '0.00', customerDiscountPercent: '0.00' });
  });
});

describe('discount tiers', () => {
  it('must start from 1, be distinct and stay within 0–100 %', () => {
    expect(checkTiers([{ minQuantity: 5, discountPercent: '5' }], 'tiers')).toEqual([{ minQuantity: 5, discountPercent: '5.00' }]);
    expect(refusal(() => checkTiers([{ minQuantity: 0, discountPercent: '5' }], 'tiers')).details).toMatchObject({ field: 'tiers[0].minQuantity' });
    expect(refusal(() => checkTiers([{ minQuantity: 5, discountPercent: '5' }, { minQuantity: 5, discountPercent: '6' }], 'tiers')).details).toMatchObject({ field: 'tiers[1].minQuantity' });
    expect(refusal(() => checkTiers([{ minQuantity: 5, discountPercent: '101' }], 'tiers')).details).toMatchObject({ field: 'tiers[0].discountPercent' });
  });
});
