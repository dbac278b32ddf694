/**
 * Makes the ready-made embedded store of every subgraph in subgraphs.json (its migrations applied, nothing else; see
 * shared/src/store/pgliteTemplate.ts), so the first `npm start` copies them instead of running initdb and every
 * migration in each subgraph at once. Run by the install (`postinstall`); templates already made are kept. A subgraph's
 * migrations are in `store/migrations` beside its entry point, as every subgraph keeps them. A failure only warns: a
 * store without a template is made from scratch, as before.
 */
import { dirname, join } from 'node:path';
import { ensureStoreTemplate, repoRoot, subgraphList, subgraphStoreTemplate } from '@l2c/shared';

const started = performance.now();
try {
  for (const subgraph of subgraphList().subgraphs) {
    await ensureStoreTemplate(subgraphStoreTemplate(subgraph.name, join(repoRoot, dirname(subgraph.main), 'store', 'migrations')));
  }
  console.log(`store templates ready (${((performance.now() - started) / 1000).toFixed(1)} s)`);
} catch (error) {
  console.warn(`the store templates could not be made (${(error as Error).message}); new stores are made from scratch`);
}
