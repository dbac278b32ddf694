/** One measured quantity of a benchmark run. */
export interface Measurement {
  metric: string;
  value: number;
  unit: string;
  /** What the number is compared against, e.g. a target ("p99 ≤ 100 ms"). */
  note?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<Measurement[]>;
}

/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Times `work` `count` times after `warmup` unmeasured runs; returns the durations in milliseconds. */
export async function timeRuns(count: number, warmup: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work();
  const durations: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
  }
  return durations;
}
