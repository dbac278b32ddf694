/**
 * What sync tests and benchmarks share: the Salesforce emulator on a free port with a client logged in to it
 * (`startTestOrg`), waiting for a run to end (`runFinished`, `runEnded`), and closing an engine with its queues'
 * Redis keys (`disposeEngine`). Production code never imports this package: it starts the emulator.
 */
export { startTestOrg, type TestOrg } from './emulator.ts';
export { compareStoreAndOrg, type Comparison } from './compare.ts';
export { disposeEngine } from './queues.ts';
export { runEnded, runFinished } from './runs.ts';
