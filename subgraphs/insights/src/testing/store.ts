import { fileURLToPath } from 'node:url';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';

export const migrationsDir = fileURLToPath(new URL('../store/migrations', import.meta.url));

/** A fresh insights store (embedded PGlite by default) with every migration applied. */
export function openInsightsStore(driver: 'pglite' | 'postgres' = 'pglite'): Promise<DisposableStore> {
  return storeDrivers.find((d) => d.name === driver)!.open(migrationsDir);
}
