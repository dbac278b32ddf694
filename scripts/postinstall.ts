/**
 * The install's own step (`postinstall`), so the first `npm start` has nothing to prepare: bundles the stack's
 * processes (see processBundles.ts) and makes the ready-made embedded store of every subgraph in subgraphs.json (its
 * migrations applied, nothing else; see shared/src/store/pgliteTemplate.ts), which a new store is copied from instead
 * of running initdb and every migration in each subgraph at once. A subgraph's migrations are in `store/migrations`
 * beside its entry point, as every subgraph keeps them. What is already made is kept. A failure only warns: `npm start`
 * bundles what it needs, and a store without a template is made from scratch.
 */
import { dirname, join } from 'node:path';
import { ensureStoreTemplate, repoRoot, subgraphList, subgraphStoreTemplate } from '@l2c/shared';
import { bundleProcesses, stackProcesses } from './processBundles.ts';

const list = subgraphList();
await step('bundling the processes', () => bundleProcesses(repoRoot, stackProcesses(list, { salesforceEmulator: true })));
await step('making the store templates', async () => {
  for (const subgraph of list.subgraphs) {
    await ensureStoreTemplate(subgraphStoreTemplate(subgraph.name, join(repoRoot, dirname(subgraph.main), 'store', 'migrations')));
  }
});

async function step(what: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  try {
    await work();
    console.log(`${what}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.warn(`${what} failed (${(error as Error).message}); npm start makes do without`);
  }
}
