import { join } from 'node:path';
import type { Logger } from '../logger.ts';
import { migrateSubgraph } from './migrate.ts';
import { openPgliteStore } from './pglite.ts';
import { openPostgresStore } from './postgres.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** The subgraph's name: its PGlite folder under `dataDir`, or its schema on a Postgres server. */
  name: string;
  /** A Postgres server; when absent the embedded PGlite store is used. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite data. Default `.data`. `memory` keeps the store in memory. */
  dataDir?: string;
  /** Folder of the subgraph's SQL migrations, applied before the store is returned. */
  migrationsDir?: string;
  logger?: Logger;
}

/** Opens a subgraph's store with the driver its configuration asks for, and brings its schema up to date. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const dataDir = options.dataDir ?? '.data';
  const store = options.databaseUrl
    ? await openPostgresStore(options.databaseUrl, options.name)
    : await openPgliteStore(dataDir === 'memory' ? undefined : join(dataDir, options.name));
  if (options.migrationsDir) {
    const applied = await migrateSubgraph(store, options.migrationsDir);
    if (applied.length > 0) options.logger?.info({ applied, driver: store.driver }, 'migrations applied');
  }
  return store;
}
