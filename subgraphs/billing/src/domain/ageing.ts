import { fromCents, mustCents } from '@l2c/shared';
import { daysBetween } from './calendar.ts';

/**
 * Receivables ageing: what customers owe on a day, by how long it has been due. An invoice is in the bucket of its
 * days past due on the as-of date: not yet due (current), 1–30, 31–60, 61–90, over 90. Only what is still owed on
 * that day counts: payments allocated and credits issued after it do not reduce it, invoices posted after it are not
 * there yet.
 */

export const AGEING_BUCKETS = ['CURRENT', 'DAYS_1_30', 'DAYS_31_60', 'DAYS_61_90', 'DAYS_OVER_90'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export interface OpenItem {
  accountId: string;
  dueDate: string;
  /** Balance on the as-of date, exact decimal text. */
  balance: string;
}

export interface AgeingRow {
  accountId: string;
  buckets: Record<AgeingBucket, string>;
  total: string;
}

export function bucketOf(dueDate: string, asOf: string): AgeingBucket {
  const late = daysBetween(dueDate, asOf);
  if (late <= 0) return 'CURRENT';
  if (late <= 30) return 'DAYS_1_30';
  if (late <= 60) return 'DAYS_31_60';
  if (late <= 90) return 'DAYS_61_90';
  return 'DAYS_OVER_90';
}

/** One row per account with something owed (balances of zero are left out), accounts in the order first seen. */
export function ageReceivables(items: readonly OpenItem[], asOf: string): AgeingRow[] {
  const byAccount = new Map<string, Record<AgeingBucket, bigint>>();
  for (const item of items) {
    const cents = mustCents(item.balance);
    if (cents === 0n) continue;
    let buckets = byAccount.get(item.accountId);
    if (!buckets) byAccount.set(item.accountId, (buckets = { CURRENT: 0n, DAYS_1_30: 0n, DAYS_31_60: 0n, DAYS_61_90: 0n, DAYS_OVER_90: 0n }));
    buckets[bucketOf(item.dueDate, asOf)] += cents;
  }
  return [...byAccount].map(([accountId, buckets]) => ({
    accountId,
    buckets: Object.fromEntries(AGEING_BUCKETS.map((b) => [b, fromCents(buckets[b])])) as Record<AgeingBucket, string>,
    total: fromCents(AGEING_BUCKETS.reduce((sum, b) => sum + buckets[b], 0n)),
  }));
}

/** The accounts' rows added up, bucket by bucket. */
export function ageingTotals(rows: readonly AgeingRow[]): Omit<AgeingRow, 'accountId'> {
  const sum = (pick: (row: AgeingRow) => string) => fromCents(rows.reduce((total, row) => total + mustCents(pick(row)), 0n));
  return { buckets: Object.fromEntries(AGEING_BUCKETS.map((b) => [b, sum((row) => row.buckets[b])])) as Record<AgeingBucket, string>, total: sum((row) => row.total) };
}
