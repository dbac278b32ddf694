import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { StatementListeners, type Queryable, type Store } from './store.ts';
import { valueParsers } from './types.ts';

/** Opens an embedded PGlite store; `dataDir` undefined keeps it in memory (tests). */
export async function openPgliteStore(dataDir?: string): Promise<Store> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? 'memory://', { parsers: valueParsers });
  return new PgliteStore(db);
}

class PgliteStore implements Store {
  readonly driver = 'pglite';
  readonly #db: PGlite;
  readonly #listeners = new StatementListeners();
  #closed = false;

  constructor(db: PGlite) {
    this.#db = db;
  }

  query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.#listeners.time(sql, params, async () => (await this.#db.query<Row>(sql, params as unknown[])).rows);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#db.transaction((tx) => work(this.#wrap(tx)));
  }

  onStatement(listener: Parameters<Store['onStatement']>[0]): () => void {
    return this.#listeners.add(listener);
  }

  async ping(): Promise<boolean> {
    if (this.#closed) return false;
    try {
      await this.#db.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#db.close();
  }

  #wrap(tx: Transaction): Queryable {
    const listeners = this.#listeners;
    return {
      query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
        return listeners.time(sql, params, async () => (await tx.query<Row>(sql, params as unknown[])).rows);
      },
    };
  }
}
