/** Exact non-negative fractions on BigInt, for proration weights (days of a period over the days of a full one). */
export interface Fraction {
  num: bigint;
  den: bigint;
}

export const ZERO: Fraction = { num: 0n, den: 1n };
export const ONE: Fraction = { num: 1n, den: 1n };

export function fraction(num: number | bigint, den: number | bigint): Fraction {
  return reduce({ num: BigInt(num), den: BigInt(den) });
}

export function add(a: Fraction, b: Fraction): Fraction {
  return reduce({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
}

export function isWhole(a: Fraction): boolean {
  return a.num % a.den === 0n;
}

function reduce(a: Fraction): Fraction {
  if (a.den === 0n) throw new RangeError('a fraction cannot have a zero denominator');
  const divisor = gcd(a.num < 0n ? -a.num : a.num, a.den);
  return divisor > 1n ? { num: a.num / divisor, den: a.den / divisor } : a;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
