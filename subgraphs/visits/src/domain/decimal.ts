/**
 * Exact decimals for indicator values (up to 4 decimal places) and the numbers derived from them: differences,
 * shares, averages. Values are held as BigInt counts of ten-thousandths, so 0.1 + 0.2 is 0.3 and a deviation is
 * never off by a float's error. Rounding (only where a result cannot be exact) is half-up, ties away from zero.
 */

/** Decimal places an indicator value may have. */
export const VALUE_SCALE = 4;

const PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Decimal text as ten-thousandths; null when it is not a plain decimal or has more than 4 decimal places. */
export function toUnits(text: string): bigint | null {
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  // Stored numerics may come back padded (`20.5000`); trailing zeros beyond the scale are not precision.
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > VALUE_SCALE) return null;
  const units = BigInt(whole! + significant.padEnd(VALUE_SCALE, '0'));
  return sign ? -units : units;
}

/** Ten-thousandths of a value known to be valid (a stored numeric); throws on anything else. */
export function mustUnits(text: string): bigint {
  const units = toUnits(text);
  if (units === null) throw new RangeError(`not a decimal with at most ${VALUE_SCALE} places: ${JSON.stringify(text)}`);
  return units;
}

/** Ten-thousandths as the shortest decimal text: `205000n` is `"20.5"`, `200000n` is `"20"`. */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(VALUE_SCALE + 1, '0');
  const whole = digits.slice(0, -VALUE_SCALE);
  const fraction = digits.slice(-VALUE_SCALE).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** `numerator / denominator` rounded half-up. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** `part / whole × 100` with one decimal place, as text (`"66.7"`); null when `whole` is 0. */
export function percentage(part: bigint, whole: bigint): string | null {
  if (whole === 0n) return null;
  const tenths = divideHalfUp(part * 1000n, whole);
  return oneDecimal(tenths);
}

/** Tenths as text with exactly one decimal place (`667n` → `"66.7"`). */
export function oneDecimal(tenths: bigint): string {
  const negative = tenths < 0n;
  const digits = (negative ? -tenths : tenths).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -1)}.${digits.slice(-1)}`;
}
