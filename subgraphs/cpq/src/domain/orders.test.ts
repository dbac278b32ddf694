import { describe, expect, it } from 'vitest';
import { addMonths, isActiveOn, monthsBetween, spanning, termEnd } from './contractTerms.ts';
import { fulfilOrder, type ActivatedItem } from './fulfilment.ts';
import { sumMoney } from './money.ts';
import { reconciliationDifference, splitIntoOrders } from './orderSplit.ts';
import { priceLine, quoteTotals } from './pricing.ts';

describe('splitting an accepted quote into orders', () => {
  // A fleet deal: vans to two depots on two dates, with prices that round on every line.
  const priced = [
    { listPrice: '41200.00', quantity: 3, discountPercent: '7.35' },
    { listPrice: '1090.00', quantity: 3, discountPercent: '3.33' },
    { listPrice: '44800.00', quantity: 2, discountPercent: '7.35' },
    { listPrice: '359.00', quantity: 5, subscription: { term: 7, defaultTerm: 12 } },
    { listPrice: '119.00', quantity: 7, discountAmount: '0.01' },
  ].map((input) => priceLine(input));
  const placement: [string | null, string][] = [
    ['Depot Munich', '2027-01-15'],
    ['Depot Munich', '2027-01-15'],
    ['Depot Augsburg', '2027-01-15'],
    ['Depot Munich', '2027-03-01'],
    ['Depot Augsburg', '2027-01-15'],
  ];
  const lines = priced.map((price, i) => ({ id: `l${i + 1}`, number: i + 1, shipTo: placement[i]![0], requestedDate: placement[i]![1], netTotal: price.netTotal }));

  it('makes one order per ship-to and date, earliest first, each line in exactly one order', () => {
    const orders = splitIntoOrders(lines);
    expect(orders.map((o) => [o.effectiveDate, o.shipTo, o.lines.map((l) => l.id)])).toEqual([
      ['2027-01-15', 'Depot Augsburg', ['l3', 'l5']],
      ['2027-01-15', 'Depot Munich', ['l1', 'l2']],
      ['2027-03-01', 'Depot Munich', ['l4']],
    ]);
    const placed = orders.flatMap((o) => o.lines.map((l) => l.id)).sort();
    expect(placed).toEqual(lines.map((l) => l.id).sort());
  });

  it('reconciles to the quote to the cent', () => {
    const orders = splitIntoOrders(lines);
    const quote = quoteTotals(priced);
    expect(quote.netAmount).toBe('202570.93');
    expect(orders.map((o) => o.totalAmount)).toEqual(['83847.33', '117676.50', '1047.10']);
    expect(sumMoney(orders.map((o) => o.totalAmount))).toBe(quote.netAmount);
    expect(reconciliationDifference(orders, quote.netAmount)).toBe('0.00');
    expect(reconciliationDifference(orders.slice(1), quote.netAmount)).toBe('-83847.33');
  });

  it('keeps a quote with one place and date in one order', () => {
    expect(splitIntoOrders(lines.map((l) => ({ ...l, shipTo: null, requestedDate: '2027-01-01' })))).toHaveLength(1);
  });
});

describe('terms', () => {
  it('end the day before the same day N months later, clamping month ends', () => {
    expect(termEnd('2026-03-01', 12)).toBe('2027-02-28');
    expect(termEnd('2028-03-01', 12)).toBe('2029-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(termEnd('2026-01-15', 36)).toBe('2029-01-14');
    expect(monthsBetween('2026-01-15', '2029-01-14')).toBe(36);
    expect(spanning([{ startDate: '2027-03-01', endDate: '2028-02-29' }, { startDate: '2027-01-15', endDate: '2028-01-14' }])).toEqual({ startDate: '2027-01-15', endDate: '2028-02-29' });
  });

  it('include their first and last day', () => {
    const period = { startDate: '2027-01-15', endDate: '2028-01-14' };
    expect(['2027-01-14', '2027-01-15', '2028-01-14', '2028-01-15'].map((d) => isActiveOn(period, d))).toEqual([false, true, true, false]);
  });
});

describe('fulfilling an activated order', () => {
  const item = (overrides: Partial<ActivatedItem>): ActivatedItem => ({
    orderItemId: 'oi',
    productId: 'p',
    productName: 'Product',
    category: 'ACCESSORY',
    chargeType: 'ONE_TIME',
    quantity: 1,
    unitPrice: '100.00',
    subscriptionTerm: null,
    startDate: null,
    entitlementName: null,
    entitlementMonths: null,
    ...overrides,
  });
  let n = 0;
  const newId = () => `id${++n}`;

  it('gives each vehicle its own asset and entitlement, one asset per other line, a subscription per recurring line', () => {
    const result = fulfilOrder('2027-01-15', '2027-01-10', [
      item({ orderItemId: 'vans', category: 'VEHICLE', quantity: 2, unitPrice: '38110.00', productName: 'Transa Van', entitlementName: 'Roadside assistance', entitlementMonths: 36 }),
      item({ orderItemId: 'mats', quantity: 3, unitPrice: '119.00' }),
      item({ orderItemId: 'plan', category: 'SERVICE', chargeType: 'RECURRING', quantity: 2, unitPrice: '209.42', subscriptionTerm: 7, productName: 'Maintenance plan' }),
    ], newId);
    expect(result.assets.map((a) => [a.orderItemId, a.quantity, a.price, a.installDate, a.purchaseDate])).toEqual([
      ['vans', 1, '38110.00', '2027-01-15', '2027-01-10'],
      ['vans', 1, '38110.00', '2027-01-15', '2027-01-10'],
      ['mats', 3, '357.00', '2027-01-15', '2027-01-10'],
    ]);
    expect(result.subscriptions).toMatchObject([{ orderItemId: 'plan', quantity: 2, netPrice: '209.42', startDate: '2027-01-15', endDate: '2027-08-14' }]);
    expect(result.entitlements.map((e) => [e.name, e.startDate, e.endDate, Boolean(e.assetId), Boolean(e.subscriptionId)])).toEqual([
      ['Roadside assistance', '2027-01-15', '2030-01-14', true, false],
      ['Roadside assistance', '2027-01-15', '2030-01-14', true, false],
      ['Maintenance plan', '2027-01-15', '2027-08-14', false, true],
    ]);
  });

  it('starts a subscription on its line’s later start date', () => {
    const result = fulfilOrder('2027-01-15', '2027-01-15', [item({ chargeType: 'RECURRING', category: 'SERVICE', subscriptionTerm: 12, startDate: '2027-02-01' })], newId);
    expect(result.subscriptions[0]).toMatchObject({ startDate: '2027-02-01', endDate: '2028-01-31' });
  });
});
