/**
 * One embedded store opened in a fresh process, as a subgraph opens its own at start: a copy of the CRM store's
 * template in a temporary folder, opened and asked one query. Reports to the parent the CPU and wall time of the open
 * and the process's resident memory once the store answers, then closes the store and removes the folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyStoreTemplate, openPgliteStore, repoRoot, subgraphStoreTemplate } from '@l2c/shared';

const folder = await mkdtemp(join(tmpdir(), 'l2c-store-open-'));
const dataDir = join(folder, 'crm');
try {
  await copyStoreTemplate(subgraphStoreTemplate('crm', join(repoRoot, 'subgraphs/crm/src/store/migrations')), dataDir);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const store = await openPgliteStore(dataDir);
  await store.query('select count(*) from accounts');
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  await store.close();
  process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs, rssMb });
} finally {
  await rm(folder, { recursive: true, force: true });
}
