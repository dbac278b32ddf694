import { describe, expect, it } from 'vitest';
import { chargeType, claimStatus, dayAsDateTime, effectiveStart, journalStatus, lineStatus, warrantyType } from './values.ts';

describe('warranty values in Salesforce form', () => {
  it('has no Paid claim status there: a paid claim is Approved, and Approved reads back as approved', () => {
    expect(claimStatus.toSalesforce('PAID')).toBe('Approved');
    expect(claimStatus.toSalesforce('MANUAL_REVIEW_NEEDED')).toBe('Manual Review Needed');
    expect(claimStatus.fromSalesforce('Approved')).toBe('APPROVED');
    expect(claimStatus.fromSalesforce('Requested Information')).toBe('REQUESTED_INFORMATION');
  });

  it('translates the picklists whose words differ', () => {
    expect(chargeType.toSalesforce('EXPENSE')).toBe('Other');
    expect(chargeType.fromSalesforce('Replaced Part')).toBe('PART');
    expect(lineStatus.toSalesforce('OPEN')).toBe('None');
    expect(journalStatus.toSalesforce('RETURNED')).toBe('Error');
    expect(journalStatus.fromSalesforce('Processed')).toBe('APPROVED');
    expect(warrantyType.fromSalesforce('Repair')).toBe('STANDARD');
    expect(effectiveStart.fromSalesforce('Manufacture Date')).toBe('PURCHASE_DATE');
    expect(() => claimStatus.fromSalesforce('Escalated')).toThrow(/not a known Salesforce value/);
  });

  it('carries a day as a datetime at midnight UTC and back', () => {
    expect(dayAsDateTime.toSalesforce('2026-05-10')).toBe('2026-05-10T00:00:00.000Z');
    expect(dayAsDateTime.fromSalesforce('2026-05-10T00:00:00.000+0000')).toBe('2026-05-10');
    expect(() => dayAsDateTime.toSalesforce('10.05.2026')).toThrow(/must be a date YYYY-MM-DD/);
  });
});
