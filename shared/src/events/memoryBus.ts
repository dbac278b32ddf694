import { DEFAULT_RETENTION_MS, type EventBus, type Tail } from './bus.ts';
import { compareStreamIds, type DomainEvent, type StoredEvent } from './types.ts';

/** The event bus in memory, with the Redis implementation's semantics: for unit tests. */
export class MemoryEventBus implements EventBus {
  readonly #events: StoredEvent[] = [];
  readonly #seen = new Set<string>();
  readonly #waiters = new Set<() => void>();
  readonly #groups = new Map<string, { delivered: string; pending: StoredEvent[] }>();
  #lastMs = 0;
  #seq = 0;

  constructor(private readonly retentionMs = DEFAULT_RETENTION_MS, private readonly now = () => Date.now()) {}

  async publish(event: DomainEvent): Promise<string | null> {
    if (this.#seen.has(event.eventId)) return null;
    this.#seen.add(event.eventId);
    const ms = Math.max(this.now(), this.#lastMs);
    this.#seq = ms === this.#lastMs ? this.#seq + 1 : 0;
    this.#lastMs = ms;
    const stored = { ...event, id: `${ms}-${this.#seq}` };
    this.#events.push(stored);
    const horizon = this.now() - this.retentionMs;
    while (this.#events.length && Number(this.#events[0]!.id.split('-')[0]) < horizon) this.#events.shift();
    for (const wake of [...this.#waiters]) wake();
    return stored.id;
  }

  async range(afterId: string, count: number): Promise<StoredEvent[]> {
    return this.#events.filter((e) => compareStreamIds(e.id, afterId) > 0).slice(0, count);
  }

  async oldestId(): Promise<string | null> {
    return this.#events[0]?.id ?? null;
  }

  async latestId(): Promise<string> {
    return this.#events.at(-1)?.id ?? '0-0';
  }

  tail(afterId: string, onEvents: (events: StoredEvent[]) => Promise<void> | void): Tail {
    let cursor = afterId === '$' ? (this.#events.at(-1)?.id ?? '0-0') : afterId;
    let running = true;
    const stopWaiters = new Set<() => void>();
    const loop = (async () => {
      while (running) {
        const batch = await this.range(cursor, 500);
        if (batch.length) {
          cursor = batch.at(-1)!.id;
          await onEvents(batch);
          continue;
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            this.#waiters.delete(wake);
            stopWaiters.delete(wake);
            resolve();
          };
          this.#waiters.add(wake);
          stopWaiters.add(wake);
          // An event published after the range was read and before this waiter existed woke nobody: look again.
          const last = this.#events.at(-1);
          if (last && compareStreamIds(last.id, cursor) > 0) wake();
        });
      }
    })();
    return {
      stop: async () => {
        running = false;
        for (const wake of stopWaiters) wake();
        await loop;
      },
    };
  }

  consume(group: string, _consumer: string, onEvent: (event: StoredEvent) => Promise<void>): Tail {
    const state = this.#groups.get(group) ?? { delivered: '0-0', pending: [] };
    this.#groups.set(group, state);
    let stopped = false;
    const tail = this.tail(state.delivered, async (events) => {
      for (const event of events) {
        // An event whose handler never succeeded before stop stays undelivered, as on Redis it stays pending.
        if (!(await deliverUntilDone(event, onEvent, () => stopped))) return;
        state.delivered = event.id;
      }
    });
    return {
      stop: async () => {
        stopped = true;
        await tail.stop();
      },
    };
  }

  async close(): Promise<void> {
    for (const wake of [...this.#waiters]) wake();
  }
}

/**
 * Memory consumers retry a failing handler in place (Redis redelivers through its pending list) until it succeeds
 * (true) or the consumer is stopped (false).
 */
async function deliverUntilDone(event: StoredEvent, onEvent: (event: StoredEvent) => Promise<void>, stopped: () => boolean): Promise<boolean> {
  for (let attempt = 0; !stopped(); attempt++) {
    try {
      await onEvent(event);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 10 * 2 ** attempt)));
    }
  }
  return false;
}
