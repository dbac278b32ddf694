/**
 * Child process of the gateway-peers benchmark: one of our subgraphs (`SUBGRAPH`: crm or cpq), the real server, on
 * PORT, over a Postgres store in a schema of its own (`TEST_DATABASE_URL`, dropped on exit), as in production: each
 * subgraph its own process and its own store. CRM's store gets the demo network. Sends `{ kind: 'ready' }` when it
 * listens.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { createCpqServer } from '@l2c/cpq';
import { createCrmServer } from '@l2c/crm';
import { createLogger, migrateSubgraph, openPostgresStore, repoRoot } from '@l2c/shared';
import { testDatabaseUrl } from '@l2c/shared/testing';
import { loadDemoDataIfEmpty } from '@l2c/crm/demo';

const subgraph = process.env.SUBGRAPH as 'crm' | 'cpq';
const port = Number(process.env.PORT);
const signingSecret = process.env.GATEWAY_SIGNING_SECRET!;
const logger = createLogger(`bench-${subgraph}`, 'warn');
const schema = `bench_${subgraph}_${randomBytes(4).toString('hex')}`;
const store = await openPostgresStore(testDatabaseUrl, schema, 10);
process.once('SIGTERM', () => void dropSchema().finally(() => process.exit(0)));
await migrateSubgraph(store, join(repoRoot, `subgraphs/${subgraph}/src/store/migrations`));
if (subgraph === 'crm') {
  await loadDemoDataIfEmpty(store, { size: 10, seed: 7 });
  await (await createCrmServer({ store, signingSecret, logger, cpqUrl: process.env.CPQ_URL! })).listen(port);
} else {
  await (await createCpqServer({ store, signingSecret, logger, crmUrl: process.env.CRM_URL! })).listen(port);
}
process.send?.({ kind: 'ready' });

async function dropSchema(): Promise<void> {
  await store.close();
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
