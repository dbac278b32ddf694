/**
 * One embedded store opened in a fresh process, as a subgraph opens its own at start: a copy of the CRM store's
 * template in a temporary folder, opened and asked one query. Reports to the parent the CPU and wall time of the open
 * and the process's resident memory once the store answers, then closes the store and removes the folder.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureStoreTemplate, openPgliteStore, repoRoot, subgraphStoreTemplate } from '@l2c/shared';

const template = await ensureStoreTemplate(subgraphStoreTemplate('crm', join(repoRoot, 'subgraphs/crm/src/store/migrations')));
const folder = await mkdtemp(join(tmpdir(), 'l2c-store-open-'));
try {
  await cp(template, folder, { recursive: true });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const store = await openPgliteStore(folder);
  await store.query('select count(*) from accounts');
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  await store.close();
  process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs, rssMb });
} finally {
  await rm(folder, { recursive: true, force: true });
}
