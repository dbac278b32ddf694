import { describe, expect, it } from 'vitest';
import { decide } from './inbound.ts';

describe('conflict policies', () => {
  it('keep a side, or hold the record for an admin', () => {
    expect(decide('salesforce_wins', '2026-01-01T00:00:00.000Z', new Date('2027-01-01'))).toBe('salesforce');
    expect(decide('local_wins', '2027-01-01T00:00:00.000Z', new Date('2026-01-01'))).toBe('local');
    expect(decide('manual', null, null)).toBeNull();
  });

  it('newest_wins compares the Salesforce modification with the local change', () => {
    expect(decide('newest_wins', '2026-01-02T00:00:00.000Z', new Date('2026-01-01T00:00:00Z'))).toBe('salesforce');
    expect(decide('newest_wins', '2026-01-01T00:00:00.000Z', new Date('2026-01-02T00:00:00Z'))).toBe('local');
  });
});
