import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateSubgraph } from '../store/migrate.ts';
import { openPgliteStore } from '../store/pglite.ts';
import { ensureBaseTemplate } from '../store/pgliteTemplate.ts';
import { openPostgresStore } from '../store/postgres.ts';
import type { Store } from '../store/store.ts';

/** The Postgres server tests use; `TEST_DATABASE_URL` overrides it. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A store that removes everything it created when disposed. */
export type DisposableStore = Store & AsyncDisposable;

/** Both store drivers, for conformance suites: each opens a fresh, empty store with a random name. */
export const storeDrivers: { name: 'pglite' | 'postgres'; open: (migrationsDir?: string) => Promise<DisposableStore> }[] = [
  { name: 'pglite', open: (dir) => openFolderStore(dir) },
  { name: 'postgres', open: (dir) => openSchemaStore(dir) },
];

/**
 * An embedded store in a temporary folder of its own, copied from the empty base template (a fraction of the CPU of
 * running initdb for a store in memory), with the migrations in `migrationsDir` applied; closing it removes the folder.
 */
export async function openFolderStore(migrationsDir?: string): Promise<DisposableStore> {
  const folder = await mkdtemp(join(tmpdir(), 'l2c-store-'));
  const remove = () => rm(folder, { recursive: true, force: true });
  try {
    await cp(await ensureBaseTemplate(), folder, { recursive: true });
    return await withMigrations(disposable(await openPgliteStore(folder), remove), migrationsDir);
  } catch (error) {
    await remove();
    throw error;
  }
}

/**
 * A Postgres store in a new schema of its own (named `<prefix>_<random>`) on the test server, with the migrations in
 * `migrationsDir` applied; closing it drops the schema.
 */
export async function openSchemaStore(migrationsDir?: string, options: { prefix?: string; poolSize?: number } = {}): Promise<DisposableStore> {
  const schema = `${options.prefix ?? 't'}_${randomBytes(6).toString('hex')}`;
  const store = await openPostgresStore(testDatabaseUrl, schema, options.poolSize ?? 4);
  return withMigrations(
    disposable(store, async () => {
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    }),
    migrationsDir,
  );
}

/** Counts the statements a piece of work sends to the store. */
export async function countStatements<T>(store: Store, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const stop = store.onStatement((event) => statements.push(event.sql));
  try {
    return { result: await work(), statements };
  } finally {
    stop();
  }
}

function disposable(store: Store, cleanup: () => Promise<void>): DisposableStore {
  const close = async () => {
    await store.close();
    await cleanup();
  };
  return {
    driver: store.driver,
    query: (sql, params) => store.query(sql, params),
    transaction: (work) => store.transaction(work),
    onStatement: (listener) => store.onStatement(listener),
    ping: () => store.ping(),
    close,
    [Symbol.asyncDispose]: close,
  } as DisposableStore;
}

async function withMigrations(store: DisposableStore, dir: string | undefined): Promise<DisposableStore> {
  if (dir) await migrateSubgraph(store, dir);
  return store;
}

/** The sync engine's change capture on a store's tables, as a running engine installs it (for benchmarks of writes). */
export { installCapture } from '../sync/store/changes.ts';
