import { fromCents, mustCents } from '@l2c/shared';
import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.ts';
import { planPeriods, type ScheduleTerms } from './periods.ts';
import { termsFor } from './scheduleTerms.ts';

const monthly = (over: Partial<ScheduleTerms>): ScheduleTerms => ({
  frequency: 'MONTHLY',
  billingDay: 1,
  anchor: '2026-01-01',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  totalAmount: '1200.00',
  timing: 'ADVANCE',
  partialPeriodTreatment: 'SEPARATE',
  ...over,
});

const brief = (terms: ScheduleTerms) => planPeriods(terms).map((p) => [p.startDate, p.endDate, p.billingDate, p.amount]);
const sum = (amounts: string[]) => fromCents(amounts.reduce((s, a) => s + mustCents(a), 0n));

describe('billing periods', () => {
  it.each([
    {
      name: 'a term starting on the billing day: twelve equal months',
      terms: monthly({}),
      first: ['2026-01-01', '2026-01-31', '2026-01-01', '100.00'],
      last: ['2026-12-01', '2026-12-31', '2026-12-01', '100.00'],
      count: 12,
    },
    {
      name: 'partial first period (15 of 31 days of March), billed with the next cycle date',
      terms: monthly({ anchor: '2026-04-01', startDate: '2026-03-17', endDate: '2026-06-30', totalAmount: '315.00' }),
      // weights 15/31, 1, 1, 1: running totals 315 × 15/108, × 46/108, × 77/108, × 1 → 43.75, 134.17, 224.58, 315.00
      first: ['2026-03-17', '2026-03-31', '2026-04-01', '43.75'],
      last: ['2026-06-01', '2026-06-30', '2026-06-01', '90.42'],
      count: 4,
    },
    {
      name: 'partial last period (10 of 30 days of June)',
      terms: monthly({ startDate: '2026-04-01', anchor: '2026-04-01', endDate: '2026-06-10', totalAmount: '233.33' }),
      first: ['2026-04-01', '2026-04-30', '2026-04-01', '100.00'],
      last: ['2026-06-01', '2026-06-10', '2026-06-01', '33.33'],
      count: 3,
    },
    {
      name: 'billing day 31 clamps to short months and comes back to the 31st',
      terms: monthly({ billingDay: 31, anchor: '2026-01-31', startDate: '2026-01-31', endDate: '2026-05-30', totalAmount: '400.00' }),
      first: ['2026-01-31', '2026-02-27', '2026-01-31', '100.00'],
      last: ['2026-04-30', '2026-05-30', '2026-04-30', '100.00'],
      count: 4,
    },
    {
      name: 'leap year: 29 February counts (a partial February of 10 days over 29)',
      terms: monthly({ anchor: '2028-03-01', startDate: '2028-02-20', endDate: '2028-03-31', totalAmount: '139.00' }),
      // weights 10/29, 1: 139 × 10/39 = 35.641…
      first: ['2028-02-20', '2028-02-29', '2028-03-01', '35.64'],
      last: ['2028-03-01', '2028-03-31', '2028-03-01', '103.36'],
      count: 2,
    },
    {
      name: 'quarterly from the 15th',
      terms: monthly({ frequency: 'QUARTERLY', billingDay: 15, anchor: '2026-01-15', startDate: '2026-01-15', endDate: '2027-01-14', totalAmount: '1000.00' }),
      first: ['2026-01-15', '2026-04-14', '2026-01-15', '250.00'],
      last: ['2026-10-15', '2027-01-14', '2026-10-15', '250.00'],
      count: 4,
    },
    {
      name: 'semiannual',
      terms: monthly({ frequency: 'SEMIANNUAL', totalAmount: '999.99' }),
      first: ['2026-01-01', '2026-06-30', '2026-01-01', '500.00'],
      last: ['2026-07-01', '2026-12-31', '2026-07-01', '499.99'],
      count: 2,
    },
    {
      name: 'annual, one period',
      terms: monthly({ frequency: 'ANNUAL' }),
      first: ['2026-01-01', '2026-12-31', '2026-01-01', '1200.00'],
      last: ['2026-01-01', '2026-12-31', '2026-01-01', '1200.00'],
      count: 1,
    },
    {
      name: 'in arrears: billed on the day after each period',
      terms: monthly({ timing: 'ARREARS', endDate: '2026-03-31', totalAmount: '300.00' }),
      first: ['2026-01-01', '2026-01-31', '2026-02-01', '100.00'],
      last: ['2026-03-01', '2026-03-31', '2026-04-01', '100.00'],
      count: 3,
    },
    {
      name: 'COMBINE: the partial first period is billed with the first full one',
      terms: monthly({ anchor: '2026-04-01', startDate: '2026-03-17', endDate: '2026-06-30', totalAmount: '315.00', partialPeriodTreatment: 'COMBINE' }),
      first: ['2026-03-17', '2026-04-30', '2026-04-01', '134.17'],
      last: ['2026-06-01', '2026-06-30', '2026-06-01', '90.42'],
      count: 3,
    },
    {
      name: 'one-time charge: one period, billed on its start',
      terms: monthly({ frequency: 'ONE_TIME', billingDay: 9, anchor: '2026-03-09', startDate: '2026-03-09', endDate: null, totalAmount: '24990.00' }),
      first: ['2026-03-09', '2026-03-09', '2026-03-09', '24990.00'],
      last: ['2026-03-09', '2026-03-09', '2026-03-09', '24990.00'],
      count: 1,
    },
    {
      name: 'a term inside one cycle (partial at both ends)',
      terms: monthly({ startDate: '2026-05-11', endDate: '2026-05-20', anchor: '2026-01-01', totalAmount: '50.00' }),
      first: ['2026-05-11', '2026-05-20', '2026-06-01', '50.00'],
      last: ['2026-05-11', '2026-05-20', '2026-06-01', '50.00'],
      count: 1,
    },
  ])('$name', ({ terms, first, last, count }) => {
    const periods = brief(terms);
    expect(periods).toHaveLength(count);
    expect(periods[0]).toEqual(first);
    expect(periods.at(-1)).toEqual(last);
    // Consecutive periods touch: no day billed twice, none skipped.
    for (let i = 1; i < periods.length; i++) expect(new Date(`${periods[i]![0]}T00:00:00Z`).getTime() - new Date(`${periods[i - 1]![1]}T00:00:00Z`).getTime()).toBe(86_400_000);
    expect(sum(periods.map((p) => p[3]!))).toBe(terms.totalAmount);
  });

  it.each([
    { start: '2026-01-31', day: 31, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], total: '1234.56' },
    { start: '2026-02-14', day: 1, months: [1, 3, 6, 12], total: '99999.99' },
    { start: '2027-12-29', day: 29, months: [3, 12, 24], total: '0.07' },
    { start: '2028-02-29', day: 29, months: [1, 12, 13, 36], total: '-733.10' },
  ])('prorated periods add up to the term’s total to the cent: $start, day $day, total $total', ({ start, day, months, total }) => {
    for (const frequency of ['MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL'] as const) {
      for (const length of months) {
        const terms = termsFor({ chargeType: 'RECURRING', startDate: start, endDate: endAfter(start, length), totalAmount: total }, { frequency, billingDay: day });
        const amounts = planPeriods(terms).map((p) => p.amount);
        expect(sum(amounts), `${frequency} ${length} months`).toBe(fromCents(mustCents(total)));
      }
    }
  });

  it('rounds each share half-up to the cent and never drifts', () => {
    expect(apportion('1000.00', [1, 1, 1].map(() => ({ num: 1n, den: 1n })))).toEqual(['333.33', '333.34', '333.33']);
    expect(apportion('0.05', [{ num: 1n, den: 2n }, { num: 1n, den: 2n }])).toEqual(['0.03', '0.02']);
    expect(apportion('-0.05', [{ num: 1n, den: 2n }, { num: 1n, den: 2n }])).toEqual(['-0.03', '-0.02']);
  });
});

describe('mid-cycle upgrades and downgrades (amendments aligned to the original)', () => {
  const original = termsFor({ chargeType: 'RECURRING', startDate: '2026-01-10', endDate: '2027-01-09', totalAmount: '1200.00' });

  it.each([
    // 16 of the 31 days of 10 March–9 April, then 9 full months: 48 × (16/31) / (9 + 16/31) = 2.603…
    { name: 'upgrade from 25 March: +48.00 co-terminated, the first part prorated 16/31', total: '48.00', first: ['2026-03-25', '2026-04-09', '2026-04-10', '2.60'] },
    { name: 'downgrade from 25 March: a credit, prorated the same way', total: '-48.00', first: ['2026-03-25', '2026-04-09', '2026-04-10', '-2.60'] },
  ])('$name', ({ total, first }) => {
    const amendment = termsFor({ chargeType: 'RECURRING', startDate: '2026-03-25', endDate: '2027-01-09', totalAmount: total }, {}, { frequency: original.frequency, billingDay: original.billingDay, anchor: original.anchor });
    expect(amendment.billingDay).toBe(10);
    expect(amendment.anchor).toBe(original.anchor);
    const periods = brief(amendment);
    expect(periods[0]).toEqual(first);
    // Every later period is one of the original's, billed on the same day: one invoice covers both.
    const originalDates = new Set(planPeriods(original).map((p) => p.billingDate));
    expect(periods.every((p) => originalDates.has(p[2]!))).toBe(true);
    expect(sum(periods.map((p) => p[3]!))).toBe(total);
  });

  it('without an original, an item bills on its own start day', () => {
    const terms = termsFor({ chargeType: 'RECURRING', startDate: '2026-03-25', endDate: '2027-03-24', totalAmount: '120.00' });
    expect([terms.billingDay, terms.anchor]).toEqual([25, '2026-03-25']);
    expect(planPeriods(terms).every((p) => p.amount === '10.00')).toBe(true);
  });

  it('a one-time item of an amendment bills on the original’s next billing day', () => {
    const terms = termsFor({ chargeType: 'ONE_TIME', startDate: '2026-03-25', endDate: null, totalAmount: '300.00' }, {}, { frequency: 'MONTHLY', billingDay: 10, anchor: '2026-01-10' });
    expect(brief(terms)).toEqual([['2026-03-25', '2026-03-25', '2026-04-10', '300.00']]);
  });
});

function endAfter(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return new Date(target.getTime() - 86_400_000).toISOString().slice(0, 10);
}
