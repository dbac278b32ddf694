import { fileURLToPath } from 'node:url';
import { openStore, type Logger, type Store } from '@l2c/shared';

/** The warranty store as the configuration asks for it (PGlite under DATA_DIR, or the Postgres server), migrated. */
export function openWarrantyStore(config: { DATABASE_URL?: string | undefined; DATA_DIR: string }, logger: Logger): Promise<Store> {
  return openStore({
    name: 'warranty',
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
    logger,
  });
}
