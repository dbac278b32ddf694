/**
 * Exact decimal arithmetic for amounts and percentages: values are held as whole ten-thousandths in a bigint, so sums
 * of any number of amounts are exact; only averages round (half up, to the cent or the hundredth of a percent).
 */

const SCALE = 4;
const UNIT = 10n ** BigInt(SCALE);

/** Parses an exact decimal string ("24990.5", "-3") into ten-thousandths; null when it is not one. */
export function toUnits(value: string | null | undefined): bigint | null {
  if (value == null) return null;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  // Beyond four places a value is rounded half up, as CPQ rounds; amounts in the log have two.
  const kept = fraction.slice(0, SCALE).padEnd(SCALE, '0');
  let units = BigInt(whole!) * UNIT + BigInt(kept);
  if (fraction.length > SCALE && Number(fraction[SCALE]) >= 5) units += 1n;
  return sign === '-' ? -units : units;
}

/** Writes ten-thousandths as a decimal string with `places` decimals (2 or 4), rounding half up. */
export function fromUnits(units: bigint, places = 2): string {
  const drop = 10n ** BigInt(SCALE - places);
  const negative = units < 0n;
  let magnitude = negative ? -units : units;
  magnitude = (magnitude + drop / 2n) / drop;
  const factor = 10n ** BigInt(places);
  const whole = magnitude / factor;
  const fraction = (magnitude % factor).toString().padStart(places, '0');
  const text = places > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative && magnitude !== 0n ? `-${text}` : text;
}

/** The mean of a sum over `count`, rounded half up to `places` decimals; null for no values. */
export function meanOf(sum: bigint, count: number, places = 2): string | null {
  if (count === 0) return null;
  const drop = 10n ** BigInt(SCALE - places);
  const n = BigInt(count) * drop;
  const negative = sum < 0n;
  const magnitude = negative ? -sum : sum;
  const rounded = (magnitude * 2n + n) / (2n * n);
  return fromUnits((negative ? -rounded : rounded) * drop, places);
}

export function compareDecimal(a: string, b: string): number {
  const x = toUnits(a)!;
  const y = toUnits(b)!;
  return x < y ? -1 : x > y ? 1 : 0;
}
