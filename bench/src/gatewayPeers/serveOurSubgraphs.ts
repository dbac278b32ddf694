/**
 * Child process of the gateway-peers benchmark: our CRM and CPQ subgraphs (the real servers, on embedded PGlite
 * stores with the demo network) on free ports. Sends `{ kind: 'ready', urls }` to the parent when both listen.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createCpqServer } from '@l2c/cpq';
import { createCrmServer } from '@l2c/crm';
import { createLogger, repoRoot } from '@l2c/shared';
import { storeDrivers } from '@l2c/shared/testing';
import { loadDemoDataIfEmpty } from '@l2c/crm/demo';

const signingSecret = process.env.GATEWAY_SIGNING_SECRET!;
const logger = createLogger('bench-subgraphs', 'warn');
const pglite = storeDrivers.find((driver) => driver.name === 'pglite')!;
const crmStore = await pglite.open(join(repoRoot, 'subgraphs/crm/src/store/migrations'));
const cpqStore = await pglite.open(join(repoRoot, 'subgraphs/cpq/src/store/migrations'));
await loadDemoDataIfEmpty(crmStore, { size: 10, seed: 7 });
const cpqPort = await freePort();
const cpqUrl = `http://127.0.0.1:${cpqPort}/graphql`;
const crm = await createCrmServer({ store: crmStore, signingSecret, logger, cpqUrl });
const crmUrl = `http://127.0.0.1:${await crm.listen(0)}/graphql`;
const cpq = await createCpqServer({ store: cpqStore, signingSecret, crmUrl, logger });
await cpq.listen(cpqPort);
process.send?.({ kind: 'ready', urls: { crm: crmUrl, cpq: cpqUrl } });

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
  });
}

// Exits cleanly on the benchmark's SIGTERM, so a CPU profile (`BENCH_PEERS_PROFILE_ENTRY=serveOurSubgraphs.ts`) is written.
process.once('SIGTERM', () => process.exit(0));
