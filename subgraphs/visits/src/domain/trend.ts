/**
 * Which way a monthly series is heading: the least-squares slope over the months that have a value (months without
 * visits are gaps, not zeros), in points per month. Under 1 point a month either way is steady; fewer than three
 * months with a value say nothing yet.
 */

export type TrendDirection = 'IMPROVING' | 'DECLINING' | 'STEADY' | 'INSUFFICIENT_DATA';

export interface Trend {
  direction: TrendDirection;
  /** Points per month, one decimal place (`"2.5"`); null with insufficient data. */
  slope: string | null;
  /** Months with a value the trend is drawn through. */
  months: number;
}

/** Slope at or above which a series moves. */
export const STEADY_BELOW = 1;
/** Months with a value a trend needs. */
export const MIN_MONTHS = 3;

/** `values[i]` is month i's value (percent as text), or null for a month without one. */
export function trendOf(values: readonly (string | null)[]): Trend {
  const points = values.flatMap((value, x) => (value === null ? [] : [{ x, y: Number(value) }]));
  if (points.length < MIN_MONTHS) return { direction: 'INSUFFICIENT_DATA', slope: null, months: points.length };
  const meanX = points.reduce((s, p) => s + p.x, 0) / points.length;
  const meanY = points.reduce((s, p) => s + p.y, 0) / points.length;
  const sxy = points.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0);
  const sxx = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  const slope = Math.round((sxy / sxx) * 10) / 10;
  const direction = Math.abs(slope) < STEADY_BELOW ? 'STEADY' : slope > 0 ? 'IMPROVING' : 'DECLINING';
  return { direction, slope: (Object.is(slope, -0) ? 0 : slope).toFixed(1), months: points.length };
}
