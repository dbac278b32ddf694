import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { storeOn } from './driverStore.ts';
import type { Store } from './store.ts';
import { valueParsers } from './types.ts';

/**
 * Postgres settings of an embedded store. Its shared memory is zeroed page by page when the store opens, so the
 * buffer cache is sized for a subgraph's working set: 16 MB, where Postgres's default of 128 MB cost about 0.4 s of
 * CPU and 130 MB of memory per store at every start. Reads beyond it come from the operating system's file cache.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * Opens an embedded PGlite store; `dataDir` undefined keeps it in memory (tests). Stores work in the `template1`
 * database, where every store made so far keeps its tables.
 */
export async function openPgliteStore(dataDir?: string): Promise<Store> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? 'memory://', { parsers: valueParsers, database: 'template1', startParams: START_PARAMS });
  return storeOn({
    name: 'pglite',
    run: async (sql, params) => (await db.query(sql, params)).rows,
    transaction: (work) => db.transaction((tx) => work(async (sql, params) => (await tx.query(sql, params)).rows)),
    close: () => db.close(),
  });
}
