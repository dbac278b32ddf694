/** Anything SQL can be sent to: the store itself, or a transaction in progress. */
export interface Queryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** One statement as the store ran it; listeners see every statement, inside transactions too. */
export interface StatementEvent {
  sql: string;
  params: readonly unknown[];
  durationMs: number;
}

/**
 * A subgraph's own Postgres-dialect store. Two drivers implement it, PGlite (embedded, the default) and a Postgres
 * server; both run the same SQL and the same migrations, and parse values alike: `numeric` as an exact decimal string,
 * `date` as `YYYY-MM-DD`, `timestamptz` as a `Date`, `int8` as a number.
 */
export interface Store extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to every statement run (for statement-count tests and slow-query logs); returns the unsubscribe function. */
  onStatement(listener: (event: StatementEvent) => void): () => void;
  /** `true` when the store answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export class StatementListeners {
  readonly #listeners = new Set<(event: StatementEvent) => void>();

  add(listener: (event: StatementEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async time<T>(sql: string, params: readonly unknown[], run: () => Promise<T>): Promise<T> {
    if (this.#listeners.size === 0) return run();
    const started = performance.now();
    try {
      return await run();
    } finally {
      const event = { sql, params, durationMs: performance.now() - started };
      for (const listener of this.#listeners) listener(event);
    }
  }
}
