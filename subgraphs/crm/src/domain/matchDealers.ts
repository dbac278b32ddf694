import type { AccountRow, LeadPreferredSellerRow } from '../store/rows.ts';

export interface DealerCandidate {
  dealer: AccountRow;
  wonOpportunities: number;
  positiveTestDrives: number;
  /**
   * How much of what the lead asks for the dealer has on hand. `UNKNOWN`: the lead names products but their stock
   * could not be learnt (said in the reasons); null or absent: the lead names no products to look for.
   */
  stock?: StockCoverage | 'UNKNOWN' | null;
}

/** Units of the lead's products a dealer has on hand, counting at most what the lead wants of each. */
export interface StockCoverage {
  wanted: number;
  covered: number;
}

export interface DealerMatchResult {
  dealer: AccountRow;
  score: number;
  distanceKm: number | null;
  wonOpportunities: number;
  positiveTestDrives: number;
  isPreferred: boolean;
  reasons: string[];
}

export interface MatchOptions {
  first: number;
  /** Dealers farther than this are left out. Also the distance at which proximity counts for nothing. Default 300 km. */
  maxDistanceKm?: number | null;
}

/**
 * Weights of the score; they sum to 1. When stock is unknown (CPQ did not answer, or the lead names no product codes)
 * the score is taken over the other factors alone, so their weights keep their proportions (0.5, 0.3, 0.2).
 */
const WEIGHTS = { proximity: 0.4, experience: 0.24, preferred: 0.16, stock: 0.2 };
const DEFAULT_REACH_KM = 300;

/**
 * Ranks dealers for a lead: nearer is better, a record of won deals and well-rated test drives is better, a dealer
 * the customer prefers (or who brought the lead) is better, and a dealer with the lead's products in stock is better.
 * Ties go to the dealer with the smaller name.
 */
export function rankDealers(
  lead: { latitude: number | null; longitude: number | null },
  preferredSellers: readonly LeadPreferredSellerRow[],
  candidates: readonly DealerCandidate[],
  options: MatchOptions,
): DealerMatchResult[] {
  const reach = options.maxDistanceKm ?? DEFAULT_REACH_KM;
  const bestRecord = Math.max(1, ...candidates.map((c) => c.wonOpportunities + c.positiveTestDrives));
  const preferred = new Map(preferredSellers.map((s) => [s.dealer_id, s.reason]));
  return candidates
    .map((candidate) => {
      const distanceKm = distanceBetween(lead, candidate.dealer);
      const proximity = distanceKm === null ? 0.25 : Math.max(0, 1 - distanceKm / reach);
      const experience = (candidate.wonOpportunities + candidate.positiveTestDrives) / bestRecord;
      const reason = preferred.get(candidate.dealer.id);
      const known = WEIGHTS.proximity * proximity + WEIGHTS.experience * experience + WEIGHTS.preferred * (reason ? 1 : 0);
      const stock = candidate.stock === 'UNKNOWN' ? null : (candidate.stock ?? null);
      const score = stock ? known + WEIGHTS.stock * (stock.covered / stock.wanted) : known / (1 - WEIGHTS.stock);
      const reasons = [
        distanceKm === null ? 'distance unknown' : `${distanceKm.toFixed(1)} km away`,
        `${candidate.wonOpportunities} won deals, ${candidate.positiveTestDrives} test drives rated 4 or 5`,
        ...(reason ? [`named by the lead as a preferred seller (${reason})`] : []),
        ...(stock ? [stockReason(stock)] : candidate.stock === 'UNKNOWN' ? ['stock unknown'] : []),
      ];
      return { ...candidate, distanceKm, score: Math.round(score * 1000) / 1000, isPreferred: Boolean(reason), reasons };
    })
    .filter((match) => options.maxDistanceKm == null || match.distanceKm === null || match.distanceKm <= options.maxDistanceKm)
    .sort((a, b) => b.score - a.score || a.dealer.name.localeCompare(b.dealer.name))
    .slice(0, options.first);
}

/**
 * What share of the lead's products a dealer has on hand: per product code, the units it has up to the units wanted.
 * Null when nothing can be said: the lead names no product codes, or stock is unknown.
 */
export function stockCoverage(items: readonly { product_code: string | null; quantity: number }[], onHand: ReadonlyMap<string, number> | null): StockCoverage | null {
  const wanted = new Map<string, number>();
  for (const item of items) if (item.product_code) wanted.set(item.product_code, (wanted.get(item.product_code) ?? 0) + item.quantity);
  if (wanted.size === 0 || onHand === null) return null;
  let total = 0;
  let covered = 0;
  for (const [code, quantity] of wanted) {
    total += quantity;
    covered += Math.min(quantity, onHand.get(code) ?? 0);
  }
  return { wanted: total, covered };
}

function stockReason(stock: StockCoverage): string {
  if (stock.covered === stock.wanted) return `has all ${stock.wanted} requested units in stock`;
  if (stock.covered === 0) return 'has none of the requested products in stock';
  return `has ${stock.covered} of ${stock.wanted} requested units in stock`;
}

/** Great-circle distance in km (haversine), or null when a point has no coordinates. */
export function distanceBetween(
  a: { latitude: number | null; longitude: number | null },
  b: { latitude: number | null; longitude: number | null },
): number | null {
  if (a.latitude == null || a.longitude == null || b.latitude == null || b.longitude == null) return null;
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
