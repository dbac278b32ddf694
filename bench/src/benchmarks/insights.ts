import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { cpus, loadavg } from 'node:os';
import type { StoredEvent } from '@l2c/shared';
import { applyEntries, cycleTimesAnalysis, generatedCases, mapEvent, openInsightsStore, processMapAnalysis, runAnalyses, scanCases, variantsAnalysis, type LogEntry } from '@l2c/insights/testing';
import type { Benchmark, Measurement } from '../benchmark.ts';

/** Events in the log at the measured points; `BENCH_INSIGHTS_EVENTS=100000` for a quick run. */
const EVENTS = Number(process.env.BENCH_INSIGHTS_EVENTS ?? 1_000_000);
/** The store: `pglite` (embedded, `npm start`'s default; default) or `postgres` (the server at TEST_DATABASE_URL). */
const STORE = process.env.BENCH_INSIGHTS_STORE === 'postgres' ? 'postgres' : 'pglite';
/** The log is analysed at these fractions of its final size, to show how time and memory grow with it. */
const CHECKPOINTS = [0.25, 0.5, 1];
/** Events per case in the generated log, measured on a first chunk (about 14). */
const ENTRIES_PER_BATCH = 5000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Process mining at scale: a log of a million events generated through the same event types CRM, CPQ and billing
 * publish (mapped and ingested like the stream's), then the directly-follows graph with exact durations, the variants
 * and the cycle times computed over it in one scan per pass, at a quarter, half and all of the log. Reports seconds and
 * the heap the analysis needs above what was in use before it (target: flat in the log's size), and the ingest rate.
 */
export const insights: Benchmark = {
  name: 'insights',
  description: `${EVENTS.toLocaleString('en')} lead-to-cash events (CRM/CPQ/billing event types) ingested into the process log (${STORE}); DFG with exact durations, variants and cycle times at 25/50/100 % of the log`,
  async run(): Promise<Measurement[]> {
    await using store = await openInsightsStore(STORE);
    const measurements: Measurement[] = [];
    const generator = generatedCases({ cases: Number.MAX_SAFE_INTEGER, seed: 7, chunk: 500 });
    let ingested = 0;
    let ingestMs = 0;
    for (const fraction of CHECKPOINTS) {
      const target = Math.round(EVENTS * fraction);
      while (ingested < target) {
        const events: StoredEvent[] = generator.next().value as StoredEvent[];
        const entries = events.map(mapEvent).filter((e): e is LogEntry => e !== null).slice(0, target - ingested);
        const started = performance.now();
        for (let i = 0; i < entries.length; i += ENTRIES_PER_BATCH) {
          const batch = entries.slice(i, i + ENTRIES_PER_BATCH);
          await store.transaction((tx) => applyEntries(tx, batch));
        }
        ingestMs += performance.now() - started;
        ingested += entries.length;
        progress(`ingested ${ingested.toLocaleString('en')} events`);
      }
      const label = `${(target / 1e6).toFixed(2)} M events`;
      const result = await measure(store, target);
      measurements.push(
        { metric: `${label}: DFG + durations + variants + cycle times`, value: result.seconds, unit: 's', note: `${fraction === 1 ? 'target < 10 s; ' : ''}load average ${result.load.toFixed(1)} on ${cpus().length} cores` },
        { metric: `${label}: CPU time of the analysis`, value: result.cpuSeconds, unit: 's', note: 'this process, embedded database included' },
        { metric: `${label}: passes over the log`, value: result.passes, unit: 'count' },
        { metric: `${label}: heap above baseline, peak`, value: result.heapPeakMiB, unit: 'MiB', note: 'garbage included: what the process grows to' },
        { metric: `${label}: live heap above baseline, peak`, value: result.liveMiB, unit: 'MiB', note: 'target: flat in the log size (GC after every page)' },
        { metric: `${label}: cases / edges / variants`, value: result.cases, unit: 'cases', note: `${result.edges} edges, ${result.variants} variants` },
      );
    }
    measurements.push({ metric: 'ingest rate (map + write + flattened view)', value: (ingested / ingestMs) * 1000, unit: 'events/s', note: `${(ingestMs / 1000).toFixed(0)} s for ${ingested.toLocaleString('en')}` });
    measurements.push({ metric: 'RSS at the end', value: process.memoryUsage().rss / 2 ** 20, unit: 'MiB', note: STORE === 'pglite' ? 'includes the embedded database' : '' });
    return measurements;
  },
};

async function measure(store: Awaited<ReturnType<typeof openInsightsStore>>, events: number) {
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const map = processMapAnalysis();
  const variants = variantsAnalysis({ first: 20 });
  const cycles = cycleTimesAnalysis('SEGMENT');
  let passes = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await runAnalyses(async (visit) => {
    passes++;
    await scanCases(store, { kind: 'all' }, {}, ['OPPORTUNITY'], visit);
  }, [map, variants, cycles]);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const dfg = map.result();
  const found = variants.result();
  cycles.result();
  if (dfg.eventCount > events) throw new Error(`the log holds ${dfg.eventCount} events in cases, more than the ${events} ingested`);
  const liveMiB = await liveHeap(store);
  progress(`${events.toLocaleString('en')} events: ${seconds.toFixed(2)} s, ${passes} passes, heap +${((peak - baseline) / 2 ** 20).toFixed(1)} MiB, live +${liveMiB.toFixed(1)} MiB`);
  return { seconds, liveMiB, cpuSeconds: (used.user + used.system) / 1e6, load: loadavg()[0]!, passes, heapPeakMiB: (peak - baseline) / 2 ** 20, cases: dfg.caseCount, edges: dfg.edges.length, variants: found.variantCount };
}

/**
 * The same analyses again, collecting garbage after every page of cases read, to see what they keep alive: the
 * figure that must not grow with the log (the peak above also counts garbage not yet collected).
 */
async function liveHeap(store: Awaited<ReturnType<typeof openInsightsStore>>): Promise<number> {
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let read = 0;
  await runAnalyses(
    (visit) =>
      scanCases(store, { kind: 'all' }, {}, ['OPPORTUNITY'], (c) => {
        visit(c);
        if (++read % 2000 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
      }),
    [processMapAnalysis(), variantsAnalysis({ first: 20 }), cycleTimesAnalysis('SEGMENT')],
  );
  return (peak - baseline) / 2 ** 20;
}

function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

