import { describe, expect, it } from 'vitest';
import { jitterFor, retryDelayMs } from './backoff.ts';

const policy = { baseMs: 1000, maxMs: 60_000 };

describe('retry delays', () => {
  it('double after each failure, between half and all of the exponential delay', () => {
    for (const [failures, full] of [[1, 1000], [2, 2000], [3, 4000], [6, 32_000]] as const) {
      expect(retryDelayMs(failures, policy, 0)).toBe(full / 2);
      expect(retryDelayMs(failures, policy, 0.999_999)).toBe(full);
    }
  });

  it('stop growing at the cap', () => {
    expect(retryDelayMs(7, policy, 0.999_999)).toBe(60_000);
    expect(retryDelayMs(40, policy, 0)).toBe(30_000);
  });

  it('are jittered per job and attempt, the same each time they are computed', () => {
    expect(jitterFor('wh.s.e.0/1')).toBe(jitterFor('wh.s.e.0/1'));
    const jitters = Array.from({ length: 200 }, (_, i) => jitterFor(`wh.s.e${i}.0/1`));
    expect(jitters.every((j) => j >= 0 && j < 1)).toBe(true);
    expect(new Set(jitters.map((j) => Math.floor(j * 10))).size).toBe(10);
  });
});
