import { fileURLToPath } from 'node:url';
import { openStore, type Logger, type Store } from '@l2c/shared';

/** Opens the visits store as configured (a Postgres server, or embedded PGlite under DATA_DIR) and applies its migrations. */
export function openVisitsStore(config: { DATABASE_URL?: string | undefined; DATA_DIR: string }, logger: Logger): Promise<Store> {
  return openStore({
    name: 'visits',
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
    logger,
  });
}
