import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open.ts';

const folders: string[] = [];
async function folder(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('embedded stores made from templates', () => {
  const name = `tpl${randomBytes(3).toString('hex')}`;
  let templateDir: string;
  let migrationsDir: string;

  it('starts a new store with every migration applied, and none of another store’s data', async () => {
    [templateDir, migrationsDir] = [await folder('templates-'), await folder('migrations-')];
    await writeFile(join(migrationsDir, '0001_create_notes.sql'), 'create table notes (id int primary key, body text not null);\n');

    const first = await openStore({ name, dataDir: await folder('data-'), migrationsDir, templateDir });
    await first.query("insert into notes values (1, 'kept in the first store only')");
    await first.close();
    expect((await readdir(templateDir)).filter((entry) => entry.startsWith(`${name}-`))).toHaveLength(1);

    const second = await openStore({ name, dataDir: await folder('data-'), migrationsDir, templateDir });
    try {
      expect(await second.query('select count(*)::int as n from notes')).toEqual([{ n: 0 }]);
      const applied = (await second.query<{ name: string }>('select name from schema_migrations')).map((row) => row.name);
      expect(applied).toContain('0001_create_notes.sql');
      expect(applied.some((migration) => migration.startsWith('shared/'))).toBe(true);
      // Only the database PGlite works in is copied: initdb's `postgres` and `template0` would triple every new store.
      expect(await second.query('select datname from pg_database order by datname')).toEqual([{ datname: 'template1' }]);
      expect(await readdir(join(templateDir, (await readdir(templateDir)).find((entry) => entry.startsWith(`${name}-`))!, 'base'))).toHaveLength(1);
    } finally {
      await second.close();
    }
  }, 180_000);

  it('makes a template of its own when a migration is added, and applies it', async () => {
    await writeFile(join(migrationsDir, '0002_create_tags.sql'), 'create table tags (note_id int not null references notes, tag text not null);\n');
    const store = await openStore({ name, dataDir: await folder('data-'), migrationsDir, templateDir });
    try {
      expect(await store.query("select count(*)::int as n from information_schema.tables where table_name in ('notes', 'tags')")).toEqual([{ n: 2 }]);
    } finally {
      await store.close();
    }
    expect((await readdir(templateDir)).filter((entry) => entry.startsWith(`${name}-`))).toHaveLength(2);
  }, 180_000);
});
