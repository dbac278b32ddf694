import { Redis } from 'ioredis';
import { DEFAULT_RETENTION_MS, type EventBus, type Tail } from './bus.ts';
import type { DomainEvent, StoredEvent } from './types.ts';

export interface RedisEventBusOptions {
  /** Redis URL. Default `redis://127.0.0.1:6379`. */
  url?: string;
  /** Stream key. Default `l2c:events`. */
  stream?: string;
  /** How long events are retained for resuming. Default 7 days. */
  retentionMs?: number;
  /** How long a blocking read waits before looping, ms. Default 1000. */
  blockMs?: number;
}

/**
 * Appends the event unless its id was published before, atomically: the marker and the entry are written together,
 * so a relay that retries after a crash cannot create a duplicate. The marker lives as long as events are retained.
 * Trimming by MINID keeps the stream to the retention window.
 */
const PUBLISH_SCRIPT = `
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[1]) then
  return redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[2], '*', 'e', ARGV[3])
end
return false`;

/** The event bus on Redis Streams: one stream, consumer groups for background consumers, plain reads for fan-out. */
export class RedisEventBus implements EventBus {
  readonly #redis: Redis;
  readonly #stream: string;
  readonly #retentionMs: number;
  readonly #blockMs: number;
  readonly #readers = new Set<Redis>();
  /** Running tails and consumers: `close` stops them before it drops their connections. */
  readonly #loops = new Set<Tail>();

  constructor(options: RedisEventBusOptions = {}) {
    this.#redis = new Redis(options.url ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null, lazyConnect: false });
    this.#stream = options.stream ?? 'l2c:events';
    this.#retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.#blockMs = options.blockMs ?? 1000;
  }

  async publish(event: DomainEvent): Promise<string | null> {
    const minId = String(Date.now() - this.#retentionMs);
    const id = (await this.#redis.eval(PUBLISH_SCRIPT, 2, this.#stream, `${this.#stream}:published:${event.eventId}`, String(this.#retentionMs), minId, JSON.stringify(event))) as string | null;
    return id ?? null;
  }

  async range(afterId: string, count: number): Promise<StoredEvent[]> {
    const entries = await this.#redis.xrange(this.#stream, `(${afterId === '0' ? '0-0' : afterId}`, '+', 'COUNT', count);
    return entries.map(parseEntry);
  }

  async oldestId(): Promise<string | null> {
    const [first] = await this.#redis.xrange(this.#stream, '-', '+', 'COUNT', 1);
    return first?.[0] ?? null;
  }

  async latestId(): Promise<string> {
    const [last] = await this.#redis.xrevrange(this.#stream, '+', '-', 'COUNT', 1);
    return last?.[0] ?? '0-0';
  }

  tail(afterId: string, onEvents: (events: StoredEvent[]) => Promise<void> | void): Tail {
    // A blocking read holds its connection, so each tail has its own.
    const reader = this.#redis.duplicate();
    this.#readers.add(reader);
    let running = true;
    const loop = (async () => {
      let cursor = afterId === '$' ? await this.latestId() : afterId;
      while (running) {
        const reply = (await reader.xread('COUNT', 500, 'BLOCK', this.#blockMs, 'STREAMS', this.#stream, cursor).catch((error: unknown) => {
          if (!running) return null;
          throw error;
        })) as [string, [string, string[]][]][] | null;
        const entries = reply?.[0]?.[1] ?? [];
        if (entries.length === 0) continue;
        cursor = entries.at(-1)![0];
        await onEvents(entries.map(parseEntry));
      }
    })();
    return this.#track(reader, loop, () => (running = false));
  }

  consume(group: string, consumer: string, onEvent: (event: StoredEvent) => Promise<void>): Tail {
    const reader = this.#redis.duplicate();
    this.#readers.add(reader);
    let running = true;
    const loop = (async () => {
      await reader.xgroup('CREATE', this.#stream, group, '0', 'MKSTREAM').catch((error: Error) => {
        if (!error.message.includes('BUSYGROUP')) throw error;
      });
      // First what this consumer was given and never acknowledged (it crashed, or a handler failed), then new events.
      let pending = true;
      while (running) {
        const args = pending ? ['COUNT', 100] : ['COUNT', 100, 'BLOCK', this.#blockMs];
        const reply = (await reader.call('XREADGROUP', 'GROUP', group, consumer, ...args, 'STREAMS', this.#stream, pending ? '0' : '>').catch((error: unknown) => {
          if (!running) return null;
          throw error;
        })) as [string, [string, string[] | null][]][] | null;
        const entries = reply?.[0]?.[1] ?? [];
        if (pending && entries.length === 0) pending = false;
        for (const [entryId, fields] of entries) {
          try {
            // An entry trimmed away while pending comes back without fields: nothing left to deliver.
            if (fields) await onEvent(parseEntry([entryId, fields]));
            await reader.xack(this.#stream, group, entryId);
          } catch {
            pending = true;
            await new Promise((resolve) => setTimeout(resolve, 200));
            break;
          }
        }
      }
    })();
    return this.#track(reader, loop, () => (running = false));
  }

  #track(reader: Redis, loop: Promise<void>, halt: () => void): Tail {
    const tail: Tail = {
      stop: async () => {
        halt();
        reader.disconnect();
        this.#readers.delete(reader);
        this.#loops.delete(tail);
        await loop.catch(() => undefined);
      },
    };
    this.#loops.add(tail);
    return tail;
  }

  async close(): Promise<void> {
    // A loop whose connection drops while it runs rejects with "Connection is closed" and nobody would handle it.
    await Promise.all([...this.#loops].map((loop) => loop.stop()));
    for (const reader of this.#readers) reader.disconnect();
    this.#readers.clear();
    await this.#redis.quit().catch(() => undefined);
  }
}

function parseEntry([id, fields]: [string, string[]]): StoredEvent {
  const json = fields[fields.indexOf('e') + 1] ?? '{}';
  return { ...(JSON.parse(json) as DomainEvent), id };
}
