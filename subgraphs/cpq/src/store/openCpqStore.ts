import { fileURLToPath } from 'node:url';
import { openStore, type Logger, type Store } from '@l2c/shared';

/** The folder of CPQ's migrations. */
export const cpqMigrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens the CPQ store as configured (a Postgres server, or embedded PGlite under DATA_DIR) and applies its migrations. */
export function openCpqStore(config: { DATABASE_URL?: string | undefined; DATA_DIR: string }, logger: Logger): Promise<Store> {
  return openStore({ name: 'cpq', databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrationsDir: cpqMigrationsDir, logger });
}
