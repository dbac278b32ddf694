/**
 * Child process of the gateway-peers benchmark: one of our subgraphs (`SUBGRAPH`: crm or cpq), the real server, on
 * PORT, over a Postgres store in a schema of its own (`TEST_DATABASE_URL`, dropped on exit), as in production: each
 * subgraph its own process and its own store. CRM's store gets the demo network. Sends `{ kind: 'ready' }` when it
 * listens.
 */
import { join } from 'node:path';
import { createCpqServer } from '@l2c/cpq';
import { createCrmServer } from '@l2c/crm';
import { createLogger, repoRoot } from '@l2c/shared';
import { openSchemaStore } from '@l2c/shared/testing';
import { loadDemoDataIfEmpty } from '@l2c/crm/demo';

const subgraph = process.env.SUBGRAPH as 'crm' | 'cpq';
const port = Number(process.env.PORT);
const signingSecret = process.env.GATEWAY_SIGNING_SECRET!;
const logger = createLogger(`bench-${subgraph}`, 'warn');
const store = await openSchemaStore(join(repoRoot, `subgraphs/${subgraph}/src/store/migrations`), { prefix: `bench_${subgraph}`, poolSize: 10 });
process.once('SIGTERM', () => void store.close().finally(() => process.exit(0)));
if (subgraph === 'crm') {
  await loadDemoDataIfEmpty(store, { size: 10, seed: 7 });
  await (await createCrmServer({ store, signingSecret, logger, cpqUrl: process.env.CPQ_URL! })).listen(port);
} else {
  await (await createCpqServer({ store, signingSecret, logger, crmUrl: process.env.CRM_URL! })).listen(port);
}
process.send?.({ kind: 'ready' });

