import type { Analysis, CaseView } from '../analysis.ts';
import { fromUnits, meanOf, toUnits } from '../money.ts';

export interface DiscountBandResult {
  /** Lower bound, inclusive (percent); null for the band of cases whose discount the log does not know. */
  from: string | null;
  /** Upper bound, exclusive; null for the last band. */
  to: string | null;
  closedCases: number;
  won: number;
  lost: number;
  /** won / closed, 0..1; null without closed cases. */
  winRate: number | null;
  /** Mean discount of the band's closed cases, percent, rounded half up to 0.01. */
  averageDiscountPercent: string | null;
  /** Exact sums over won cases. */
  wonNetAmount: string;
  /** List value of the won cases whose list amount is known, and what the discount gave away on them. */
  wonListAmount: string;
  discountGiven: string;
  /** Won net amount per closed case: what a deal in this band brings on average, win or lose (rounded to the cent). */
  netRevenuePerClosedCase: string | null;
}

export interface DiscountImpactResult {
  bands: DiscountBandResult[];
}

/**
 * Discount impact on win rate and margin: closed cases banded by their discount, with the win rate of each band, the
 * revenue won and the margin given away as discount. Amounts are exact sums of the log's decimals.
 */
export function discountImpactAnalysis(boundaries: readonly string[]): Analysis<DiscountImpactResult> {
  const bounds = boundaries.map((b) => toUnits(b)!);
  const bands = [...bounds.map(() => emptyBand()), emptyBand()];
  return {
    visit(c: CaseView, pass: number) {
      if (pass > 0 || c.kind !== 'OPPORTUNITY' || c.isWon === null) return;
      const discount = toUnits(c.discountPercent);
      let index = bounds.length;
      if (discount !== null) {
        index = -1;
        for (let i = 0; i < bounds.length; i++) if (discount >= bounds[i]!) index = i;
        if (index === -1) index = 0;
      }
      const band = bands[index]!;
      band.closed++;
      if (discount !== null) {
        band.discountSum += discount;
        band.discounted++;
      }
      if (!c.isWon) {
        band.lost++;
        return;
      }
      band.won++;
      const net = toUnits(c.amount) ?? 0n;
      band.net += net;
      const list = toUnits(c.listAmount);
      if (list !== null) {
        band.list += list;
        band.given += list - net;
      }
    },
    needsPass: () => false,
    result() {
      return {
        bands: bands.map((band, i) => ({
          from: i < boundaries.length ? boundaries[i]! : null,
          to: i < boundaries.length - 1 ? boundaries[i + 1]! : null,
          closedCases: band.closed,
          won: band.won,
          lost: band.lost,
          winRate: band.closed === 0 ? null : band.won / band.closed,
          averageDiscountPercent: meanOf(band.discountSum, band.discounted),
          wonNetAmount: fromUnits(band.net),
          wonListAmount: fromUnits(band.list),
          discountGiven: fromUnits(band.given),
          netRevenuePerClosedCase: meanOf(band.net, band.closed),
        })),
      };
    },
  };
}

function emptyBand() {
  return { closed: 0, won: 0, lost: 0, discountSum: 0n, discounted: 0, net: 0n, list: 0n, given: 0n };
}
