import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Logger } from '../logger.ts';
import { migrateSubgraph } from './migrate.ts';
import { openPgliteStore } from './pglite.ts';
import { copyStoreTemplate, subgraphStoreTemplate } from './pgliteTemplate.ts';
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
  /** Folder of ready-made PGlite stores a new one is copied from (see pgliteTemplate.ts). Default: in `node_modules/.cache`. */
  templateDir?: string;
  logger?: Logger;
}

/** Opens a subgraph's store with the driver its configuration asks for, and brings its schema up to date. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const dataDir = options.dataDir ?? '.data';
  const pgliteDir = options.databaseUrl || dataDir === 'memory' ? undefined : join(dataDir, options.name);
  if (pgliteDir && options.migrationsDir && !existsSync(pgliteDir)) await createFromTemplate(pgliteDir, options.name, options.migrationsDir, options);
  const store = options.databaseUrl ? await openPostgresStore(options.databaseUrl, options.name) : await openPgliteStore(pgliteDir);
  if (options.migrationsDir) {
    const applied = await migrateSubgraph(store, options.migrationsDir);
    if (applied.length > 0) options.logger?.info({ applied, driver: store.driver }, 'migrations applied');
  }
  return store;
}

/** A new PGlite store starts as a copy of its template; without one (say, a read-only cache) it is made from scratch. */
async function createFromTemplate(dir: string, name: string, migrationsDir: string, options: OpenStoreOptions): Promise<void> {
  try {
    const source = await copyStoreTemplate(subgraphStoreTemplate(name, migrationsDir), dir, options.templateDir);
    options.logger?.info({ template: basename(source) }, 'store created from its template (migrations applied)');
  } catch (error) {
    options.logger?.warn({ err: error }, 'no store template could be used; the store is created from scratch');
  }
}
