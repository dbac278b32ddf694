import { fromCents } from '@l2c/shared';
import { describe, expect, it } from 'vitest';
import { coverageFrom, extendCoverage, type TermCoverage } from './coverage.ts';
import { checkClaim, checkLine, type ClaimLineFacts, type CodeBook, type WarrantyOnAsset } from './eligibility.ts';

const basic: TermCoverage = { months: 36, mileageLimit: 60_000, effectiveStart: 'PURCHASE_DATE', partsPercent: '100.00', laborPercent: '100.00', expensesPercent: '50.00', partsMonths: null, laborMonths: 24, expensesMonths: null };

function warranty(overrides: Partial<WarrantyOnAsset> = {}, term: TermCoverage = basic, start = '2023-03-01'): WarrantyOnAsset {
  const dates = coverageFrom(term, start);
  return {
    id: 'aw-1',
    number: 'AW-000001',
    type: 'STANDARD',
    startDate: dates.startDate,
    partsEndDate: dates.partsEndDate,
    laborEndDate: dates.laborEndDate,
    expensesEndDate: dates.expensesEndDate,
    mileageLimit: dates.mileageLimit,
    partsPercent: term.partsPercent,
    laborPercent: term.laborPercent,
    expensesPercent: term.expensesPercent,
    deductible: '50.00',
    voidDate: null,
    voidCondition: null,
    voidReason: null,
    exclusions: [{ kind: 'PART', code: 'BRK-PAD', reason: 'wear part' }],
    ...overrides,
  };
}

const book: CodeBook = {
  labor: new Map([
    ['L-100', { standardHours: '2.00', rate: '90.00' }],
    ['L-200', { standardHours: '1.00', rate: '90.00' }],
  ]),
  expense: new Map([['TOW', { limitAmount: '150.00' }]]),
  faultLabor: new Map([['P0300', new Map([['L-100', '1.50']])]]),
};

const part: ClaimLineFacts = { lineNumber: 1, chargeType: 'PART', code: 'IGN-COIL', faultCode: 'P0300', quantity: '2', unitPrice: '84.50' };
const pads: ClaimLineFacts = { ...part, code: 'BRK-PAD', quantity: '1', unitPrice: '120.00' };

describe('eligibility of a line on the failure date and mileage', () => {
  const extended = warranty(extendCoverage(coverageFrom(basic, '2023-03-01'), 12, 20_000));
  const table: [string, ClaimLineFacts, { failureDate: string; mileage: number }, WarrantyOnAsset[], string, string | null, string][] = [
    ['in term', part, { failureDate: '2025-06-01', mileage: 41_000 }, [warranty()], 'ELIGIBLE', null, '169.00'],
    ['expired by months', part, { failureDate: '2026-03-01', mileage: 41_000 }, [warranty()], 'INELIGIBLE', 'EXPIRED_BY_TIME', '0.00'],
    ['last covered day', part, { failureDate: '2026-02-28', mileage: 41_000 }, [warranty()], 'ELIGIBLE', null, '169.00'],
    ['labor ends before parts', { ...part, chargeType: 'LABOR', code: 'L-100', quantity: '1.5', unitPrice: '90.00' }, { failureDate: '2025-06-01', mileage: 41_000 }, [warranty()], 'INELIGIBLE', 'EXPIRED_BY_TIME', '0.00'],
    ['expired by mileage', part, { failureDate: '2024-06-01', mileage: 60_001 }, [warranty()], 'INELIGIBLE', 'EXPIRED_BY_MILEAGE', '0.00'],
    ['excluded part', pads, { failureDate: '2024-06-01', mileage: 20_000 }, [warranty()], 'INELIGIBLE', 'EXCLUDED', '0.00'],
    ['excluded fault', part, { failureDate: '2024-06-01', mileage: 20_000 }, [warranty({ exclusions: [{ kind: 'FAULT', code: 'P0300', reason: 'fuel quality' }] })], 'INELIGIBLE', 'EXCLUDED', '0.00'],
    ['voided before the failure', part, { failureDate: '2024-06-01', mileage: 20_000 }, [warranty({ voidDate: '2024-01-15', voidCondition: 'ODOMETER_TAMPERING', voidReason: 'odometer replaced' })], 'INELIGIBLE', 'VOIDED', '0.00'],
    ['voided after the failure', part, { failureDate: '2024-01-14', mileage: 20_000 }, [warranty({ voidDate: '2024-01-15', voidCondition: 'ODOMETER_TAMPERING', voidReason: 'odometer replaced' })], 'ELIGIBLE', null, '169.00'],
    ['extended by months', part, { failureDate: '2026-09-01', mileage: 70_000 }, [extended], 'ELIGIBLE', null, '169.00'],
    ['extended but over the extended mileage', part, { failureDate: '2026-09-01', mileage: 80_001 }, [extended], 'INELIGIBLE', 'EXPIRED_BY_MILEAGE', '0.00'],
    ['before the warranty starts', part, { failureDate: '2023-02-01', mileage: 10 }, [warranty()], 'INELIGIBLE', 'NOT_STARTED', '0.00'],
    ['no warranty', part, { failureDate: '2024-06-01', mileage: 20_000 }, [], 'INELIGIBLE', 'NO_WARRANTY', '0.00'],
  ];

  it.each(table)('%s', (_name, line, facts, warranties, eligibility, code, covered) => {
    const checked = checkLine(line, facts, warranties, book);
    expect(checked.eligibility).toBe(eligibility);
    expect(checked.reasons[0]?.code ?? null).toBe(code);
    expect(fromCents(checked.coveredCents)).toBe(covered);
    if (code) expect(checked.reasons[0]!.message).toMatch(/^AW-000001: |the asset has no warranty/);
  });

  it('names the reason with the dates and numbers the dealer can check', () => {
    const expired = checkLine(part, { failureDate: '2026-03-01', mileage: 41_000 }, [warranty()], book);
    expect(expired.reasons[0]!.message).toBe('AW-000001: covered parts until 2026-02-28; the failure was on 2026-03-01');
    const mileage = checkLine(part, { failureDate: '2024-06-01', mileage: 61_250 }, [warranty()], book);
    expect(mileage.reasons[0]!.message).toBe('AW-000001: covers up to 60,000 of mileage; the vehicle had 61,250');
    const voided = checkLine(part, { failureDate: '2024-06-01', mileage: 1 }, [warranty({ voidDate: '2024-01-15', voidCondition: 'ODOMETER_TAMPERING', voidReason: 'odometer replaced' })], book);
    expect(voided.reasons[0]!.message).toBe('AW-000001: void from 2024-01-15 (odometer tampering: odometer replaced); the failure was on 2024-06-01');
  });

  it('takes the warranty that pays most, and names every warranty when none covers', () => {
    const powertrain = warranty({ id: 'aw-2', number: 'AW-000002', expensesPercent: '100.00', exclusions: [{ kind: 'PART', code: 'BRK-PAD', reason: 'brakes are not powertrain' }] }, { ...basic, months: 60, mileageLimit: 100_000 });
    const tow: ClaimLineFacts = { lineNumber: 2, chargeType: 'EXPENSE', code: 'TOW', faultCode: 'P0300', quantity: '1', unitPrice: '100.00' };
    expect(checkLine(tow, { failureDate: '2024-06-01', mileage: 1 }, [warranty(), powertrain], book)).toMatchObject({ assetWarrantyId: 'aw-2', coveredPercent: 10000n, coveredCents: 10000n });
    const late = checkLine(pads, { failureDate: '2027-06-01', mileage: 70_000 }, [warranty(), powertrain], book);
    expect(late.reasons.map((r) => r.code)).toEqual(['EXPIRED_BY_TIME', 'EXCLUDED']);
  });

  it('holds labor to the book: hours for the fault, the rate; labor that does not repair the fault is not covered', () => {
    const labor: ClaimLineFacts = { lineNumber: 3, chargeType: 'LABOR', code: 'L-100', faultCode: 'P0300', quantity: '2.5', unitPrice: '95.00' };
    const over = checkLine(labor, { failureDate: '2024-06-01', mileage: 1 }, [warranty()], book);
    expect(over.eligibility).toBe('OVER_LIMIT');
    expect(over.reasons.map((r) => r.message)).toEqual(['2.5 h claimed for L-100; the book allows 1.50 h for fault P0300', 'rate 95.00 claimed for L-100; the book pays 90.00 an hour']);
    expect(fromCents(over.claimedCents)).toBe('237.50');
    expect(fromCents(over.allowedCents)).toBe('135.00');
    const wrong = checkLine({ ...labor, code: 'L-200', quantity: '1' }, { failureDate: '2024-06-01', mileage: 1 }, [warranty()], book);
    expect(wrong).toMatchObject({ eligibility: 'INELIGIBLE', reasons: [{ code: 'LABOR_NOT_FOR_FAULT', message: 'labor operation L-200 is not a repair of fault P0300 (its repairs: L-100)' }] });
  });

  it('sums a claim and takes the deductible of the warranty that pays most', () => {
    const tow: ClaimLineFacts = { lineNumber: 2, chargeType: 'EXPENSE', code: 'TOW', faultCode: 'P0300', quantity: '1', unitPrice: '180.00' };
    const claim = checkClaim([part, tow], { failureDate: '2024-06-01', mileage: 1 }, [warranty()], book);
    expect(claim.lines[1]).toMatchObject({ eligibility: 'OVER_LIMIT', allowedCents: 15000n, coveredCents: 7500n });
    expect(fromCents(claim.claimedCents)).toBe('349.00');
    expect(fromCents(claim.coveredCents)).toBe('244.00');
    expect(fromCents(claim.payableCents)).toBe('194.00');
  });
});
