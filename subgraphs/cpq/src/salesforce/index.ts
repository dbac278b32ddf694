/** CPQ's Salesforce sync for processes and tests outside the subgraph: its mappings, the engine as configured, the standard price book. */
export { cpqMappings } from './mappings.ts';
export { startCpqSync, type CpqSync, type CpqSyncOptions } from './sync.ts';
export { adoptStandardPriceBook } from './standardPriceBook.ts';
export { cpqMigrationsDir, openCpqStore } from '../store/openCpqStore.ts';
export { loadCpqConfig } from '../config.ts';
