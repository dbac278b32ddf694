import pg from 'pg';
import { StatementListeners, type Queryable, type Store } from './store.ts';
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
  return new PostgresStore(pool);
}

class PostgresStore implements Store {
  readonly driver = 'postgres';
  readonly #pool: pg.Pool;
  readonly #listeners = new StatementListeners();
  #closed = false;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.#listeners.time(sql, params, async () => (await this.#pool.query(sql, params as unknown[])).rows as Row[]);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    const listeners = this.#listeners;
    const tx: Queryable = {
      query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
        return listeners.time(sql, params, async () => (await client.query(sql, params as unknown[])).rows as Row[]);
      },
    };
    try {
      await client.query('begin');
      const result = await work(tx);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  onStatement(listener: Parameters<Store['onStatement']>[0]): () => void {
    return this.#listeners.add(listener);
  }

  async ping(): Promise<boolean> {
    if (this.#closed) return false;
    try {
      await this.#pool.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
