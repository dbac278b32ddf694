import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { EventBus } from './bus.ts';
import { markPublished, toDomainEvent, unpublishedEvents } from './outbox.ts';

export interface OutboxRelayOptions {
  store: Store;
  bus: EventBus;
  /** The subgraph whose outbox this is; stamped on every event as its source. */
  source: string;
  logger: Logger;
  /** Events published per pass. Default 200. */
  batchSize?: number;
  /** Pause between passes when the outbox is empty, ms. Default 20. */
  idleMs?: number;
  /** Called after an event is on the bus and before it is marked published: tests use it to crash the relay there. */
  afterPublish?: (eventId: string) => void | Promise<void>;
}

export type RelayState = { phase: 'running'; published: number } | { phase: 'stopped'; published: number } | { phase: 'failed'; published: number; error: Error };

export interface OutboxRelay {
  /** Publishes everything committed so far, then resolves. */
  drain(): Promise<void>;
  stop(): Promise<void>;
  readonly state: RelayState;
}

/**
 * Publishes committed outbox rows to the bus in id order (which is commit order for changes to one entity: they hold
 * the entity's row lock) and stamps them published. At least once: a crash between publish and stamp publishes the
 * event again on restart, and the bus drops the copy by event id, so subscribers see it once. On a Postgres server an
 * advisory lock lets one relay per subgraph work at a time, so two processes do not reorder each other's events.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store, bus, logger } = options;
  const batchSize = options.batchSize ?? 200;
  const idleMs = options.idleMs ?? 20;
  let state: RelayState = { phase: 'running', published: 0 };
  let wake: (() => void) | null = null;
  /** A wake that arrived while a pass was running: the next pass starts at once instead of after the idle pause. */
  let wakeRequested = false;
  const requestWake = () => {
    if (wake) wake();
    else wakeRequested = true;
  };
  // An event recorded in this process wakes the relay instead of waiting for the idle poll: at once (an embedded
  // store runs the pass right after the recording transaction commits) and again shortly after (a server store's
  // commit lands a moment later). Events recorded by other processes are found by the poll.
  const stopListening = store.onStatement((event) => {
    if (!/^\s*insert into outbox\b/i.test(event.sql)) return;
    setTimeout(requestWake, 0);
    setTimeout(requestWake, 3);
  });

  const pass = (): Promise<number> =>
    store.transaction(async (tx) => {
      if (store.driver === 'postgres') {
        const [lock] = await tx.query<{ locked: boolean }>("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox-relay')) as locked");
        if (!lock?.locked) return 0;
      }
      const rows = await unpublishedEvents(tx, batchSize);
      for (const row of rows) {
        await bus.publish(toDomainEvent(row, options.source));
        await options.afterPublish?.(row.event_id);
      }
      await markPublished(tx, rows.map((row) => row.id));
      return rows.length;
    });

  const loop = (async () => {
    while (state.phase === 'running') {
      try {
        const count = await pass();
        state = { phase: 'running', published: state.published + count };
        if (count === batchSize) continue;
      } catch (error) {
        if (state.phase !== 'running') break;
        state = { phase: 'failed', published: state.published, error: error as Error };
        logger.error({ err: error }, 'outbox relay stopped');
        return;
      }
      if (wakeRequested) {
        wakeRequested = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    get state() {
      return state;
    },
    async drain() {
      while (state.phase === 'running' && (await unpublishedEvents(store, 1)).length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      if (state.phase === 'failed') throw state.error;
    },
    async stop() {
      stopListening();
      if (state.phase === 'running') state = { phase: 'stopped', published: state.published };
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}
