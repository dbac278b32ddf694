import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from './store.ts';

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

/**
 * Applies the plain SQL migrations in `dir` (`0001_name.sql`, `0002_…`) that the store has not recorded yet, in order,
 * each in its own transaction together with its record, so a failed migration leaves nothing half-applied.
 * Returns the names applied. A Postgres advisory lock keeps two processes from migrating one schema at once.
 * `namespace` prefixes the recorded names, so the shared package's migrations never collide with a subgraph's.
 */
export async function migrate(store: Store, dir: string, namespace = ''): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  for (const name of files) {
    if (!MIGRATION_FILE.test(name)) throw new Error(`migration ${name} in ${dir}: name must look like 0001_create_leads.sql`);
  }
  await store.query(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  return store.transaction(async (tx) => {
    if (store.driver === 'postgres') await tx.query("select pg_advisory_xact_lock(hashtext(current_schema() || '.migrations'))");
    const applied = new Set((await tx.query<{ name: string }>('select name from schema_migrations')).map((row) => row.name));
    const done: string[] = [];
    for (const name of files) {
      if (applied.has(namespace + name)) continue;
      const sql = await readFile(join(dir, name), 'utf8');
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (name) values ($1)', [namespace + name]);
      done.push(namespace + name);
    }
    return done;
  });
}

/** Splits a migration on semicolons at line ends; bodies with `$$` quoting are kept whole. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    if (line.trim().startsWith('--') && !inDollar) continue;
    current += `${line}\n`;
    const dollars = line.split('$$').length - 1;
    if (dollars % 2 === 1) inDollar = !inDollar;
    if (!inDollar && line.trimEnd().endsWith(';')) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

/** The shared migrations every subgraph store carries (the event outbox). */
export const sharedMigrationsDir = fileURLToPath(new URL('../events/migrations', import.meta.url));

/** The Salesforce sync's tables every subgraph store carries (links, change log, failures, conflicts, runs). */
export const syncMigrationsDir = fileURLToPath(new URL('../sync/migrations', import.meta.url));

/** The migration folders of a subgraph's store, in the order they are applied. */
export function subgraphMigrationDirs(dir: string): string[] {
  return [sharedMigrationsDir, syncMigrationsDir, dir];
}

/** Brings a subgraph's store up to date: the shared tables first, then the sync's, then the subgraph's own migrations. */
export async function migrateSubgraph(store: Store, dir: string): Promise<string[]> {
  return [
    ...(await migrate(store, sharedMigrationsDir, 'shared/')),
    ...(await migrate(store, syncMigrationsDir, 'sync/')),
    ...(await migrate(store, dir)),
  ];
}
