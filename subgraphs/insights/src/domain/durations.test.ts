import { describe, expect, it } from 'vitest';
import { bucketOf, bucketRange, DurationGroups, percentileOf } from './durations.ts';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function runPasses(values: number[]): DurationGroups {
  const groups = new DurationGroups();
  for (const v of values) groups.add('g', v);
  let passes = 1;
  while (groups.planNextPass()) {
    for (const v of [...values].reverse()) groups.refine('g', v);
    passes++;
    expect(passes).toBeLessThan(8);
  }
  return groups;
}

describe('exact duration statistics', () => {
  it('buckets cover every value once and contain it', () => {
    for (const v of [0, 1, 255, 256, 257, 511, 512, 1023, 1024, 86_399_999, 86_400_000, 2 ** 40 - 1, 2 ** 40, 123_456_789_012]) {
      const [lo, hi] = bucketRange(bucketOf(v));
      expect(lo <= v && v <= hi, `${v} in [${lo}, ${hi}]`).toBe(true);
    }
    for (let b = 0; b < 2000; b++) expect(bucketRange(b + 1)[0]).toBe(bucketRange(b)[1] + 1);
  });

  it.each([
    ['a few values', [5, 1, 3]],
    ['one value', [42]],
    ['ties', [7, 7, 7, 7, 9, 9]],
    ['even count', [1000, 2000, 3000, 4000]],
  ])('gives the textbook median and p90 for %s', (_name, values) => {
    const summary = runPasses(values).summary('g');
    const sorted = [...values].sort((a, b) => a - b);
    expect(summary.medianMs).toBe(percentileOf(sorted, 50));
    expect(summary.p90Ms).toBe(percentileOf(sorted, 90));
    expect(summary.count).toBe(values.length);
    expect(summary.totalMs).toBe(values.reduce((a, b) => a + b, 0));
  });

  it('matches sorting on 200,000 durations spread from seconds to months, including a crowded bucket', () => {
    const next = random(7);
    const values = Array.from({ length: 200_000 }, (_, i) => (i % 3 === 0 ? 86_400_000 + Math.floor(next() * 50_000) : Math.floor(10 ** (3 + next() * 7))));
    const summary = runPasses(values).summary('g');
    const sorted = [...values].sort((a, b) => a - b);
    expect(summary.medianMs).toBe(percentileOf(sorted, 50));
    expect(summary.p90Ms).toBe(percentileOf(sorted, 90));
    expect(summary.minMs).toBe(sorted[0]);
    expect(summary.maxMs).toBe(sorted.at(-1));
    expect(summary.meanMs).toBe(values.reduce((a, b) => a + b, 0) / values.length);
  });

  it('keeps the mean exact where a running double would drift', () => {
    const year = 365 * 86_400_000;
    const summary = runPasses(Array.from({ length: 400_000 }, () => year + 1)).summary('g');
    expect(summary.meanMs).toBe(year + 1);
    expect(summary.medianMs).toBe(year + 1);
  });
});
