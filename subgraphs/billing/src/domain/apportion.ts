import { divideHalfUp, fromCents, mustCents } from '@l2c/shared';
import { add, ZERO, type Fraction } from './rational.ts';

/**
 * Splits an amount over periods in proportion to their weights, to the cent, so that the parts always add up to the
 * amount exactly. Each part is the difference of two rounded running totals (half-up): the running total after the
 * last part is the amount itself, so no cent is lost or invented, and no part is more than half a cent away from its
 * exact share. A term of twelve equal months of 100.00 bills 100.00 twelve times; a term of 1,000.00 over three equal
 * periods bills 333.33, 333.34, 333.33.
 */
export function apportion(amount: string, weights: readonly Fraction[]): string[] {
  if (weights.length === 0) return [];
  const total = mustCents(amount);
  const whole = weights.reduce(add, ZERO);
  if (whole.num === 0n) throw new RangeError('weights must not all be zero');
  const parts: string[] = [];
  let running: Fraction = ZERO;
  let billed = 0n;
  for (const weight of weights) {
    running = add(running, weight);
    // total × running / whole, rounded half-up: running = r.num/r.den, whole = w.num/w.den
    const upTo = divideHalfUp(total * running.num * whole.den, running.den * whole.num);
    parts.push(fromCents(upTo - billed));
    billed = upTo;
  }
  return parts;
}
