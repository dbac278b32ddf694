import { describe, expect, it } from 'vitest';
import { and, dealerScopeSql, sequenced } from './sql.ts';

describe('SQL pieces', () => {
  it('orders creation times of a batch as given, past the first thousand rows too', () => {
    const base = new Date('2026-11-23T10:00:00.999Z');
    const times = Array.from({ length: 2_500 }, (_, i) => sequenced(i, base));
    expect(times[0]).toBe('2026-11-23T10:00:00.999000Z');
    expect(times[1_001]).toBe('2026-11-23T10:00:01.000001Z');
    const micros = times.map((t) => Date.parse(t.slice(0, 23) + 'Z') * 1000 + Number(t.slice(23, 26)));
    expect(micros.every((m, i) => i === 0 || m === micros[i - 1]! + 1)).toBe(true);
  });

  it('keeps the conditions that are present, and scopes a partner to its dealer', () => {
    expect(and(['a = 1', null, undefined, '', 'b = 2'])).toEqual(['a = 1', 'b = 2']);
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    expect(dealerScopeSql({ kind: 'all' }, 'q.dealer_id', param)).toBeNull();
    expect(dealerScopeSql({ kind: 'dealer', dealerAccountId: 'd-1' }, 'q.dealer_id', param)).toBe('q.dealer_id = $1');
    expect(params).toEqual(['d-1']);
  });
});
