/**
 * `npm run bench -- [name…]`: runs the named benchmarks (all when none is named), prints a table for each and writes
 * `bench/results/<name>.json` with the machine, the time and every measurement, so numbers from one run can be quoted.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@l2c/shared';
import type { Benchmark } from './benchmark.ts';
import { benchmarks } from './benchmarks/index.ts';

const names = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = names.filter((name) => !benchmarks.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected: Benchmark[] = names.length ? benchmarks.filter((b) => names.includes(b.name)) : benchmarks;
const resultsDir = join(repoRoot, 'bench/results');
await mkdir(resultsDir, { recursive: true });

let failed = false;
for (const benchmark of selected) {
  console.log(`\n${benchmark.name}: ${benchmark.description}`);
  try {
    const measurements = await benchmark.run();
    const width = Math.max(...measurements.map((m) => m.metric.length));
    for (const m of measurements) {
      console.log(`  ${m.metric.padEnd(width)}  ${format(m.value).padStart(12)} ${m.unit.padEnd(8)} ${m.note ?? ''}`);
    }
    const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) };
    await writeFile(
      join(resultsDir, `${benchmark.name}.json`),
      `${JSON.stringify({ name: benchmark.name, description: benchmark.description, ranAt: new Date().toISOString(), machine, measurements }, null, 2)}\n`,
    );
  } catch (error) {
    failed = true;
    console.error(`  failed: ${(error as Error).stack ?? String(error)}`);
  }
}
process.exit(failed ? 1 : 0);

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}
