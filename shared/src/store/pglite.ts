import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { storeOn } from './driverStore.ts';
import type { Store } from './store.ts';
import { valueParsers } from './types.ts';

/** Opens an embedded PGlite store; `dataDir` undefined keeps it in memory (tests). */
export async function openPgliteStore(dataDir?: string): Promise<Store> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? 'memory://', { parsers: valueParsers });
  return storeOn({
    name: 'pglite',
    run: async (sql, params) => (await db.query(sql, params)).rows,
    transaction: (work) => db.transaction((tx) => work(async (sql, params) => (await tx.query(sql, params)).rows)),
    close: () => db.close(),
  });
}
