/**
 * For tests and the benchmark: the real graphql-ws client over `ws`, with helpers that collect what a subscription
 * receives and wait for it. Not used by the gateway itself.
 */
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface ClosedEvent {
  code: number;
  reason: string;
}

export interface TestConnection {
  client: Client;
  /** The first close of the socket, with its code and reason. */
  closed: Promise<ClosedEvent>;
  /** Subscribes; the returned collector holds every payload in order. */
  subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: CollectorOptions<T>): Collector<T>;
  dispose(): Promise<void>;
}

/**
 * Connects to `wsUrl` with `connectionParams` (e.g. `{ authorization: 'Bearer …' }`), without retries, so a refused
 * or closed connection stays closed and can be asserted on.
 */
export function connect(wsUrl: string, connectionParams: Record<string, unknown> | null): TestConnection {
  let onClosed: (event: ClosedEvent) => void = () => undefined;
  const closed = new Promise<ClosedEvent>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: connectionParams ?? undefined,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  return {
    client,
    closed,
    subscribe: (query, variables, options) => new Collector(client, query, variables, options),
    dispose: () => client.dispose() as Promise<void>,
  };
}

export interface CollectorOptions<T> {
  /** Called with each payload as it arrives. */
  onEvent?(event: T): void;
  /** Keep payloads in `events`. Default true; a long benchmark turns it off. */
  keep?: boolean;
}

/** What one subscription received: the payload of its single root field, per event, and any errors. */
export class Collector<T> {
  readonly events: T[] = [];
  readonly errors: NonNullable<FormattedExecutionResult['errors']>[number][] = [];
  /** Set when the subscription ended: `complete`, or the error that ended it. */
  ended: { how: 'complete' } | { how: 'error'; error: unknown } | null = null;
  readonly #stop: () => void;
  #wake: (() => void) | null = null;

  constructor(client: Client, query: string, variables?: Record<string, unknown>, options: CollectorOptions<T> = {}) {
    this.#stop = client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) this.errors.push(...result.errors);
          const value = result.data ? Object.values(result.data)[0] : undefined;
          if (value !== undefined && value !== null) {
            options.onEvent?.(value);
            if (options.keep !== false) this.events.push(value);
          }
          this.#notify();
        },
        error: (error) => {
          this.ended = { how: 'error', error };
          this.#notify();
        },
        complete: () => {
          this.ended ??= { how: 'complete' };
          this.#notify();
        },
      },
    );
  }

  /** Resolves once `count` events arrived; fails after `timeoutMs` saying how many did. */
  async waitFor(count: number, timeoutMs = 15_000): Promise<T[]> {
    await this.until(() => this.events.length >= count, timeoutMs, () => `${count} events (got ${this.events.length}; errors ${JSON.stringify(this.errors)}; ended ${JSON.stringify(this.ended)})`);
    return this.events;
  }

  /** Resolves once the subscription ended (complete or error). */
  async waitForEnd(timeoutMs = 15_000): Promise<NonNullable<Collector<T>['ended']>> {
    await this.until(() => this.ended !== null, timeoutMs, () => `the end of the subscription (got ${this.events.length} events)`);
    return this.ended!;
  }

  stop(): void {
    this.#stop();
  }

  private async until(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
  }

  #notify(): void {
    this.#wake?.();
  }
}
