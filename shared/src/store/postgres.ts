import pg from 'pg';
import { storeOn } from './driverStore.ts';
import type { Store } from './store.ts';
import { valueParsers } from './types.ts';

const types = {
  getTypeParser(oid: number, format?: string) {
    const parse = valueParsers[oid];
    if (parse && format !== 'binary') return parse;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * Opens a store on a Postgres server. Each subgraph keeps its tables in its own schema (`schema`), created when missing
 * and first on every connection's search path.
 */
export async function openPostgresStore(url: string, schema: string, poolSize = 10): Promise<Store> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schema: must be a lower-case SQL identifier (got ${JSON.stringify(schema)})`);
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(`create schema if not exists ${schema}`);
  } finally {
    await setup.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path=${schema}`, types } as pg.PoolConfig);
  return storeOn({
    name: 'postgres',
    run: async (sql, params) => (await pool.query(sql, params)).rows,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(async (sql, params) => (await client.query(sql, params)).rows);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  });
}
