import type { AccountRow, LeadPreferredSellerRow } from '../store/rows.ts';

export interface DealerCandidate {
  dealer: AccountRow;
  wonOpportunities: number;
  positiveTestDrives: number;
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

/** Weights of the score; they sum to 1. Stock on hand joins them once the catalogue knows dealer inventory. */
const WEIGHTS = { proximity: 0.5, experience: 0.3, preferred: 0.2 };
const DEFAULT_REACH_KM = 300;

/**
 * Ranks dealers for a lead: nearer is better, a record of won deals and well-rated test drives is better, and a
 * dealer the customer prefers (or who brought the lead) is better. Ties go to the dealer with the smaller name.
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
      const score = WEIGHTS.proximity * proximity + WEIGHTS.experience * experience + WEIGHTS.preferred * (reason ? 1 : 0);
      const reasons = [
        distanceKm === null ? 'distance unknown' : `${distanceKm.toFixed(1)} km away`,
        `${candidate.wonOpportunities} won deals, ${candidate.positiveTestDrives} test drives rated 4 or 5`,
        ...(reason ? [`named by the lead as a preferred seller (${reason})`] : []),
      ];
      return { ...candidate, distanceKm, score: Math.round(score * 1000) / 1000, isPreferred: Boolean(reason), reasons };
    })
    .filter((match) => options.maxDistanceKm == null || match.distanceKm === null || match.distanceKm <= options.maxDistanceKm)
    .sort((a, b) => b.score - a.score || a.dealer.name.localeCompare(b.dealer.name))
    .slice(0, options.first);
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
