/**
 * What tests and the benchmark outside this package use: generated logs, a store with the migrations applied, waits
 * on a condition, and the analyses and the ingest path run directly on a log (without the GraphQL layer).
 */
export { runAnalyses } from '../domain/analysis.ts';
export { cycleTimesAnalysis } from '../domain/analyses/cycleTimes.ts';
export { processMapAnalysis } from '../domain/analyses/processMap.ts';
export { variantsAnalysis } from '../domain/analyses/variants.ts';
export type { LogEntry } from '../domain/logEntry.ts';
export { mapEvent } from '../domain/mapEvent.ts';
export { applyEntries } from '../ingest/applyEntries.ts';
export { scanCases } from '../store/cases.ts';
export { generatedCases } from './generate.ts';
export { openInsightsStore } from './store.ts';
export { waitFor } from './waitFor.ts';
