/**
 * Ready-made embedded stores. A new PGlite store would run initdb and then every migration, seconds of CPU each, and
 * on a fresh clone every subgraph does so at once; instead a new store starts as a copy of a template: a store with
 * exactly its migrations applied and nothing else. Templates are kept apart from the data (by default in the root
 * `node_modules/.cache`, beside what the install built), named by a digest of the PGlite version and of every migration
 * file, so a changed or added migration gets a template of its own. A template that is missing is made when first
 * needed (the install makes them all ahead, see scripts/postinstall.ts), from a base template (initdb only) that
 * is itself made once; two processes making the same one at once each finish theirs and keep the first.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot } from '../subgraphs.ts';
import { migrateSubgraph, subgraphMigrationDirs } from './migrate.ts';
import { openPgliteStore } from './pglite.ts';
import type { Store } from './store.ts';

export interface StoreTemplate {
  /** The store's name (the subgraph's), which names its template. */
  name: string;
  /** The migration folders applied to it, in order; their files are part of the template's digest. */
  migrationDirs: string[];
  /** Applies those migrations to a new store. */
  migrate: (store: Store) => Promise<unknown>;
}

/** A subgraph store's template: the shared tables, the sync's, and the subgraph's own migrations in `migrationsDir`. */
export function subgraphStoreTemplate(name: string, migrationsDir: string): StoreTemplate {
  return { name, migrationDirs: subgraphMigrationDirs(migrationsDir), migrate: (store) => migrateSubgraph(store, migrationsDir) };
}

/** Where templates are kept unless told otherwise: a cache of the install, not data. */
export const defaultTemplateDir = join(repoRoot, 'node_modules', '.cache', 'l2c-store-templates');

/**
 * Creates the store folder `dataDir` (which must not exist yet) as a copy of the template, made first if missing;
 * returns the template's folder. The copy is made aside and moved into place whole, so a failed copy leaves no store.
 */
export async function copyStoreTemplate(template: StoreTemplate, dataDir: string, templateDir = defaultTemplateDir): Promise<string> {
  const source = await ensureStoreTemplate(template, templateDir);
  await made(dataDir, (dir) => cp(source, dir, { recursive: true }));
  return source;
}

/** The template's folder, made now when missing. */
export async function ensureStoreTemplate(template: StoreTemplate, templateDir = defaultTemplateDir): Promise<string> {
  const target = join(templateDir, `${template.name}-${await digest(template.migrationDirs)}`);
  if (existsSync(target)) return target;
  const base = await ensureBaseTemplate(templateDir);
  return made(target, async (dir) => {
    await cp(base, dir, { recursive: true });
    const store = await openPgliteStore(dir);
    try {
      await template.migrate(store);
    } finally {
      await store.close();
    }
  });
}

/**
 * An empty store (initdb only), from which the others are copied. PGlite works in the `template1` database; initdb's
 * two others (`postgres`, and `template0` for CREATE DATABASE) are never used by a store and are dropped, so every new
 * store copies one database instead of three.
 */
export async function ensureBaseTemplate(templateDir = defaultTemplateDir): Promise<string> {
  const target = join(templateDir, `base-${(await digest([])).slice(0, 16)}`);
  if (existsSync(target)) return target;
  return made(target, async (dir) => {
    const store = await openPgliteStore(dir);
    try {
      await store.query('drop database postgres');
      await store.query(`update pg_database set datistemplate = false, datallowconn = true where datname = 'template0'`);
      await store.query('drop database template0');
    } finally {
      await store.close();
    }
  });
}

/** Makes a folder aside and moves it into place whole; a folder someone else placed first wins. */
async function made(target: string, make: (dir: string) => Promise<void>): Promise<string> {
  const aside = `${target}.making-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(dirname(target), { recursive: true });
  try {
    await make(aside);
    await rename(aside, target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(aside, { recursive: true, force: true });
  }
  return target;
}

/** What the base template holds besides initdb's output; a change here makes every template again. */
const BASE_LAYOUT = 'template1 only';

/** A digest of the PGlite version, the base template's layout and the migration files (names and contents) of the folders, in order. */
async function digest(migrationDirs: string[]): Promise<string> {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\0${BASE_LAYOUT}\0`);
  for (const dir of migrationDirs) {
    for (const name of (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort()) {
      hash.update(`${name}\0`).update(await readFile(join(dir, name))).update('\0');
    }
    hash.update('\0\0');
  }
  return hash.digest('hex').slice(0, 24);
}

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === '@electric-sql/pglite') return version ?? 'unknown';
  }
  return 'unknown';
}
