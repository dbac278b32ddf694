/**
 * What both store drivers share: statement listeners on every statement (transactions included), `ping`, and a
 * `close` that runs once. A driver supplies only how it runs a statement, a transaction and its own close.
 */
import { StatementListeners, type Queryable, type Store } from './store.ts';

/** Runs one statement and returns its rows. */
export type RunStatement = (sql: string, params: unknown[]) => Promise<unknown[]>;

export interface StoreDriver {
  readonly name: Store['driver'];
  /** A statement outside any transaction. */
  run: RunStatement;
  /** Runs `work` in one transaction, handing it the function that runs statements inside it. */
  transaction<T>(work: (run: RunStatement) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function storeOn(driver: StoreDriver): Store {
  const listeners = new StatementListeners();
  let closed = false;
  const queryable = (run: RunStatement): Queryable => ({
    query: <Row>(sql: string, params: readonly unknown[] = []) => listeners.time(sql, params, async () => (await run(sql, params as unknown[])) as Row[]),
  });
  const outside = queryable(driver.run);
  return {
    driver: driver.name,
    query: outside.query,
    transaction: (work) => driver.transaction((run) => work(queryable(run))),
    onStatement: (listener) => listeners.add(listener),
    async ping() {
      if (closed) return false;
      try {
        await driver.run('select 1', []);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await driver.close();
    },
  };
}
