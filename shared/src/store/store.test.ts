import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countStatements, storeDrivers } from '../testing/index.ts';
import { migrate } from './migrate.ts';

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
  return dir;
}

describe.each(storeDrivers)('store on $name', ({ open }) => {
  it('parses values alike on both drivers', async () => {
    await using store = await open();
    const [row] = await store.query<Record<string, unknown>>(
      "select 12.50::numeric(10,2) as amount, '2026-03-01'::date as day, '2026-03-01T10:00:00Z'::timestamptz as at, 42::int8 as big, array['a','b']::text[] as tags",
    );
    expect(row).toEqual({ amount: '12.50', day: '2026-03-01', at: new Date('2026-03-01T10:00:00Z'), big: 42, tags: ['a', 'b'] });
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await using store = await open();
    await store.query('create table t (id int primary key)');
    await store.transaction(async (tx) => {
      await tx.query('insert into t values (1)');
    });
    await expect(
      store.transaction(async (tx) => {
        await tx.query('insert into t values (2)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.query('select id from t order by id')).toEqual([{ id: 1 }]);
  });

  it('applies migrations once, in order, and records them', async () => {
    await using store = await open();
    const dir = await migrationsDir({
      '0002_add_column.sql': 'alter table things add column label text;\n',
      '0001_create.sql': 'create table things (id int primary key);\ninsert into things values (1);\n',
    });
    expect(await migrate(store, dir)).toEqual(['0001_create.sql', '0002_add_column.sql']);
    expect(await migrate(store, dir)).toEqual([]);
    expect(await store.query('select id, label from things')).toEqual([{ id: 1, label: null }]);
  });

  it('leaves nothing half-applied when a migration fails', async () => {
    await using store = await open();
    const dir = await migrationsDir({
      '0001_create.sql': 'create table good (id int);\n',
      '0002_broken.sql': 'create table half (id int);\nselect * from no_such_table;\n',
    });
    await expect(migrate(store, dir)).rejects.toThrow(/no_such_table/);
    expect(await store.query("select count(*)::int as n from information_schema.tables where table_name in ('good', 'half') and table_schema = current_schema()")).toEqual([{ n: 0 }]);
    expect(await store.query('select name from schema_migrations')).toEqual([]);
  });

  it('refuses a migration file with a name out of pattern', async () => {
    await using store = await open();
    const dir = await migrationsDir({ 'create-things.sql': 'select 1;' });
    await expect(migrate(store, dir)).rejects.toThrow(/0001_create_leads\.sql/);
  });

  it('reports every statement to listeners, inside transactions too', async () => {
    await using store = await open();
    const { statements } = await countStatements(store, async () => {
      await store.query('select 1');
      await store.transaction(async (tx) => {
        await tx.query('select 2');
      });
    });
    expect(statements).toEqual(['select 1', 'select 2']);
  });
});
