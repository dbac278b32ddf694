import { describe, expect, it } from 'vitest';
import { allocateCents, divideHalfUp, fromCents, lessPercent, mustCents, parseScaled, sumMoney, toCents } from './money.ts';

describe('exact money', () => {
  it('parses and writes amounts without floats, refusing what it would have to round', () => {
    expect(toCents('1299.5')).toBe(129950n);
    expect(fromCents(-5n)).toBe('-0.05');
    expect(toCents('1.005')).toBeNull();
    expect(parseScaled('12', 2)).toBe(1200n);
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
  });

  it('rounds half-up, ties away from zero', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(lessPercent(mustCents('100.00'), 1250n)).toBe(8750n);
  });

  it('splits an amount by weights so the parts add up to it to the cent', () => {
    expect(allocateCents(1000n, [7000n, 3000n])).toEqual([700n, 300n]);
    expect(allocateCents(1001n, [1n, 1n])).toEqual([501n, 500n]);
    expect(allocateCents(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocateCents(-101n, [1n, 1n])).toEqual([-51n, -50n]);
    expect(allocateCents(0n, [1n, 2n])).toEqual([0n, 0n]);
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 500; i++) {
      const cents = BigInt(Math.floor(random() * 10_000_000));
      const weights = Array.from({ length: 1 + Math.floor(random() * 4) }, () => BigInt(Math.floor(random() * 10_000)) + 1n);
      const parts = allocateCents(cents, weights);
      expect(parts.reduce((a, b) => a + b, 0n)).toBe(cents);
      expect(parts.every((part) => part >= 0n)).toBe(true);
    }
    expect(() => allocateCents(100n, [0n, 0n])).toThrow(/not all zero/);
  });
});
