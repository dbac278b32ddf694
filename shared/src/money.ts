/**
 * Exact decimal arithmetic for money, percentages and quantities (CPQ prices with it, billing prorates and allocates
 * with it, warranty splits incentives with it), on BigInt-scaled integers: an amount is held as a whole number of its
 * smallest unit (cents for money, hundredths for percentages). No value ever passes through a float, so 0.10 + 0.20
 * is 0.30, a quote's lines always add up to its total, and a split adds up to what was split.
 *
 * Rounding is half-up (ties away from zero): 2.345 → 2.35, −2.345 → −2.35. It happens only where a result cannot be
 * exact (a percentage of a price, a prorated price) and always to the scale of the result, i.e. to the cent for money.
 */

/** Money has 2 decimal places (euro cents); percentages are written with up to 2 (12.75 %). */
export const MONEY_SCALE = 2;
export const PERCENT_SCALE = 2;

const PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses decimal text into an integer of `scale` decimal places: `parseScaled("12.5", 2)` is `1250n`. Returns null when
 * the text is not a plain decimal number or has more decimal places than `scale` (never silently rounded).
 */
export function parseScaled(text: string, scale: number): bigint | null {
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > scale) return null;
  const units = BigInt(whole! + fraction.padEnd(scale, '0'));
  return sign ? -units : units;
}

/** Writes a scaled integer with exactly `scale` decimal places: `formatScaled(1250n, 2)` is `"12.50"`. */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** `numerator / denominator`, rounded half-up (ties away from zero). `denominator` must not be zero. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** Money text (`"1299.5"`) as cents, or null when it is not an amount with at most 2 decimal places. */
export function toCents(text: string): bigint | null {
  return parseScaled(text, MONEY_SCALE);
}

/** Cents as money text with 2 decimal places. */
export function fromCents(cents: bigint): string {
  return formatScaled(cents, MONEY_SCALE);
}

/** Percentage text (`"12.5"`) in hundredths of a percent (`1250n`), or null. 100 % is `10000n`. */
export function toPercentUnits(text: string): bigint | null {
  return parseScaled(text, PERCENT_SCALE);
}

export function fromPercentUnits(units: bigint): string {
  return formatScaled(units, PERCENT_SCALE);
}

export const HUNDRED_PERCENT = 10_000n;

/** `cents` less `percent` (in hundredths of a percent), rounded half-up to the cent. */
export function lessPercent(cents: bigint, percent: bigint): bigint {
  return divideHalfUp(cents * (HUNDRED_PERCENT - percent), HUNDRED_PERCENT);
}

/** What share of `whole` `part` is, in hundredths of a percent, rounded half-up; 0 when `whole` is 0. */
export function percentOf(part: bigint, whole: bigint): bigint {
  return whole === 0n ? 0n : divideHalfUp(part * HUNDRED_PERCENT, whole);
}

/** Compares two decimal texts exactly (any number of decimal places): negative, zero or positive like `a - b`. */
export function compareDecimals(a: string, b: string): number | null {
  const scale = Math.max(decimals(a), decimals(b));
  const x = parseScaled(a, scale);
  const y = parseScaled(b, scale);
  if (x === null || y === null) return null;
  return x === y ? 0 : x < y ? -1 : 1;
}

/** The sum of money texts, exactly. */
export function sumMoney(values: readonly string[]): string {
  return fromCents(values.reduce((sum, value) => sum + mustCents(value), 0n));
}

/** Cents of money text that is known to be valid (a stored `numeric(18,2)`); throws on anything else. */
export function mustCents(text: string): bigint {
  const cents = toCents(text);
  if (cents === null) throw new RangeError(`not an amount of money: ${JSON.stringify(text)}`);
  return cents;
}

/**
 * Splits `cents` into parts proportional to `weights` (whole numbers, e.g. basis points), to the cent, so the parts
 * always add up to `cents` exactly: each part is rounded down, and the cents left over go one each to the parts with
 * the largest remainders (ties: the earlier part). Weights must not be negative and must not all be zero.
 */
export function allocateCents(cents: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  if (weights.some((weight) => weight < 0n) || total === 0n) throw new RangeError(`weights must be non-negative and not all zero (got ${weights.join(', ')})`);
  const negative = cents < 0n;
  const whole = negative ? -cents : cents;
  const parts = weights.map((weight) => (whole * weight) / total);
  const remainders = weights.map((weight, index) => ({ index, remainder: (whole * weight) % total }));
  let left = whole - parts.reduce((sum, part) => sum + part, 0n);
  for (const { index } of remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))) {
    if (left === 0n) break;
    parts[index]! += 1n;
    left -= 1n;
  }
  return negative ? parts.map((part) => -part) : parts;
}

function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}
