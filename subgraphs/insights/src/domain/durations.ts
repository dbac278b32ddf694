/**
 * Exact duration statistics per group (an edge of the process map, a segment's cycle time) in memory that does not
 * grow with the number of durations: count, total, mean, min and max in one pass, and exact median and 90th percentile
 * by selection over further passes. The first pass counts durations into a log-linear histogram (128 buckets per power
 * of two); each later pass narrows the buckets holding the ranks wanted, collecting the values of a bucket once it
 * holds few enough (or splitting it 4,096 ways when it does not), until every rank is one value. Real logs need two
 * passes; a pass is linear in the log.
 *
 * Percentiles interpolate linearly between the two nearest ranks (numpy's default, R type 7): the median of an even
 * count is the mean of the two middle values.
 */
export interface DurationSummary {
  count: number;
  totalMs: number;
  meanMs: number | null;
  medianMs: number | null;
  p90Ms: number | null;
  minMs: number | null;
  maxMs: number | null;
}

/** The percentiles reported, in hundredths (kept whole so that interpolation is exact). */
export const QUANTILES = [50, 90] as const;

/** Values below 256 ms get a bucket each; above, each power of two is split into 128 buckets. */
const SUB_BITS = 7;
const SUB = 1 << SUB_BITS;
/** Enough buckets for durations up to 2^46 ms (2,230 years). */
const BUCKETS = 2 * SUB + (46 - SUB_BITS) * SUB;
/** A bucket with at most this many values has them collected and sorted; a fuller one is split again. */
const COLLECT_LIMIT = 1 << 12;
const SPLIT = 4096;

interface RankTarget {
  rank: number;
  /** The rank among the values inside the search's range. */
  offset: number;
}

interface Search {
  lo: number;
  hi: number;
  ranks: RankTarget[];
  collected: number[] | null;
  split: { width: number; counts: Uint32Array } | null;
}

class Group {
  count = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  #small = 0;
  #big = 0n;
  histogram: Uint32Array | null = new Uint32Array(BUCKETS);
  searches: Search[] = [];
  values = new Map<number, number>();

  add(ms: number): void {
    this.count++;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    this.#small += ms;
    // Keeps the running total exact: flushed into a bigint before a double could lose a millisecond.
    if (this.#small > 4e15) {
      this.#big += BigInt(this.#small);
      this.#small = 0;
    }
    this.histogram![bucketOf(ms)]!++;
  }

  get total(): number {
    return Number(this.#big + BigInt(this.#small));
  }
}

export class DurationGroups<K extends string = string> {
  readonly #groups = new Map<K, Group>();
  #planned = false;

  /** Adds a duration in the first pass. Durations are whole milliseconds, not negative. */
  add(key: K, ms: number): void {
    let group = this.#groups.get(key);
    if (!group) this.#groups.set(key, (group = new Group()));
    group.add(Math.max(0, Math.round(ms)));
  }

  /** After a pass: prepares the next one; false when every percentile is known and no further pass is needed. */
  planNextPass(): boolean {
    let open = false;
    for (const group of this.#groups.values()) {
      if (!this.#planned) planFirst(group);
      else planAgain(group);
      if (group.searches.length > 0) open = true;
    }
    this.#planned = true;
    return open;
  }

  /** Whether a refinement pass wants durations of this group (callers skip computing them otherwise). */
  wants(key: K): boolean {
    return (this.#groups.get(key)?.searches.length ?? 0) > 0;
  }

  /** Feeds a duration in a refinement pass: the same durations as the first pass, in any order. */
  refine(key: K, ms: number): void {
    const group = this.#groups.get(key);
    if (!group || group.searches.length === 0) return;
    const value = Math.max(0, Math.round(ms));
    for (const search of group.searches) {
      if (value < search.lo || value > search.hi) continue;
      if (search.collected) search.collected.push(value);
      else search.split!.counts[Math.floor((value - search.lo) / search.split!.width)]!++;
    }
  }

  keys(): K[] {
    return [...this.#groups.keys()];
  }

  has(key: K): boolean {
    return this.#groups.has(key);
  }

  summary(key: K): DurationSummary {
    const group = this.#groups.get(key);
    if (!group || group.count === 0) return { count: 0, totalMs: 0, meanMs: null, medianMs: null, p90Ms: null, minMs: null, maxMs: null };
    const total = group.total;
    const [median, p90] = QUANTILES.map((q) => percentile(group, q));
    return { count: group.count, totalMs: total, meanMs: total / group.count, medianMs: median!, p90Ms: p90!, minMs: group.min, maxMs: group.max };
  }
}

/** Exact percentiles of a small list, the same definition: for tests and for lists that are small by nature. */
export function percentileOf(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  const { k, fraction } = position(sorted.length, percent);
  const lower = sorted[k]!;
  const upper = sorted[Math.min(k + 1, sorted.length - 1)]!;
  return interpolate(lower, upper, fraction);
}

/** Where a percentile falls among `count` sorted values: rank `k` and `fraction` hundredths of the way to `k + 1`. */
function position(count: number, percent: number): { k: number; fraction: number } {
  const scaled = (count - 1) * percent;
  return { k: Math.floor(scaled / 100), fraction: scaled % 100 };
}

/** In whole numbers until the one division, so the result is the exact value correctly rounded. */
function interpolate(lower: number, upper: number, fraction: number): number {
  return fraction === 0 ? lower : lower + ((upper - lower) * fraction) / 100;
}

function percentile(group: Group, percent: number): number {
  const { k, fraction } = position(group.count, percent);
  const lower = group.values.get(k);
  const upper = k + 1 < group.count ? group.values.get(k + 1) : lower;
  if (lower === undefined || upper === undefined) throw new Error('percentile asked before every pass was run');
  return interpolate(lower, upper, fraction);
}

function ranksWanted(count: number): number[] {
  const ranks = new Set<number>();
  for (const percent of QUANTILES) {
    const k = position(count, percent).k;
    ranks.add(k);
    if (k + 1 < count) ranks.add(k + 1);
  }
  return [...ranks].sort((a, b) => a - b);
}

function planFirst(group: Group): void {
  const histogram = group.histogram!;
  group.histogram = null;
  const ranks = ranksWanted(group.count);
  let before = 0;
  let r = 0;
  for (let bucket = 0; bucket < BUCKETS && r < ranks.length; bucket++) {
    const inBucket = histogram[bucket]!;
    if (inBucket === 0) continue;
    const targets: RankTarget[] = [];
    while (r < ranks.length && ranks[r]! < before + inBucket) {
      targets.push({ rank: ranks[r]!, offset: ranks[r]! - before });
      r++;
    }
    if (targets.length > 0) {
      const [lo, hi] = bucketRange(bucket);
      resolveOrSearch(group, Math.max(lo, group.min), Math.min(hi, group.max), inBucket, targets);
    }
    before += inBucket;
  }
}

function planAgain(group: Group): void {
  const searches = group.searches;
  group.searches = [];
  for (const search of searches) {
    if (search.collected) {
      const sorted = search.collected.sort((a, b) => a - b);
      for (const target of search.ranks) group.values.set(target.rank, sorted[target.offset]!);
      continue;
    }
    const { width, counts } = search.split!;
    let before = 0;
    let t = 0;
    const targets = [...search.ranks].sort((a, b) => a.offset - b.offset);
    for (let i = 0; i < counts.length && t < targets.length; i++) {
      const inBucket = counts[i]!;
      if (inBucket === 0) continue;
      const within: RankTarget[] = [];
      while (t < targets.length && targets[t]!.offset < before + inBucket) {
        within.push({ rank: targets[t]!.rank, offset: targets[t]!.offset - before });
        t++;
      }
      if (within.length > 0) {
        const lo = search.lo + i * width;
        resolveOrSearch(group, lo, Math.min(search.hi, lo + width - 1), inBucket, within);
      }
      before += inBucket;
    }
  }
}

function resolveOrSearch(group: Group, lo: number, hi: number, count: number, targets: RankTarget[]): void {
  if (lo === hi) {
    for (const target of targets) group.values.set(target.rank, lo);
    return;
  }
  const collect = count <= COLLECT_LIMIT;
  const width = Math.ceil((hi - lo + 1) / SPLIT);
  group.searches.push({ lo, hi, ranks: targets, collected: collect ? [] : null, split: collect ? null : { width, counts: new Uint32Array(Math.ceil((hi - lo + 1) / width)) } });
}

/** The histogram bucket of a whole number of milliseconds. */
export function bucketOf(ms: number): number {
  if (ms < 2 * SUB) return ms;
  let e = Math.floor(Math.log2(ms)) - SUB_BITS;
  let m = Math.floor(ms / 2 ** e);
  // log2 of a value just below a power of two may round up; correct the exponent by the mantissa.
  if (m < SUB) m = Math.floor(ms / 2 ** --e);
  else if (m >= 2 * SUB) m = Math.floor(ms / 2 ** ++e);
  return Math.min(BUCKETS - 1, 2 * SUB + (e - 1) * SUB + (m - SUB));
}

/** The values a bucket holds, inclusive. */
export function bucketRange(bucket: number): [number, number] {
  if (bucket < 2 * SUB) return [bucket, bucket];
  const e = Math.floor((bucket - 2 * SUB) / SUB) + 1;
  const m = ((bucket - 2 * SUB) % SUB) + SUB;
  return [m * 2 ** e, (m + 1) * 2 ** e - 1];
}
