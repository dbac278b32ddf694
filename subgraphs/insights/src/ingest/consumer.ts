import { compareStreamIds, type EventBus, type Logger, type Store, type StoredEvent, type Tail } from '@l2c/shared';
import type { LogEntry } from '../domain/logEntry.ts';
import { mapEvent } from '../domain/mapEvent.ts';
import { advanceCheckpoint, markGap, readCheckpoint } from '../store/checkpoints.ts';
import { applyEntries, type IngestOutcome } from './applyEntries.ts';

export interface LogConsumerOptions {
  store: Store;
  bus: EventBus;
  /** The stream's name: the checkpoint is kept under it. */
  stream: string;
  logger: Logger;
  /** Wait after a failed batch before trying it again, ms. Default 1000. */
  retryMs?: number;
  /** Called after each batch committed (dealer regions, tests). */
  afterBatch?: (outcome: IngestOutcome, lastId: string) => void | Promise<void>;
}

export type LogConsumerState =
  | { phase: 'starting' }
  | { phase: 'following'; position: string }
  | { phase: 'retrying'; position: string; error: Error; attempts: number }
  | { phase: 'stopped' };

export interface LogConsumer {
  readonly state: LogConsumerState;
  stop(): Promise<void>;
}

/**
 * Follows the event stream into the log: from the start of retention on first start, from its checkpoint after that.
 * Each batch is mapped, written and the checkpoint moved in one transaction, so a crash re-reads at most the batch in
 * flight, and reading it again adds nothing (entries are keyed by event id). A batch that fails (the store is down) is
 * retried in place until it succeeds or the consumer stops: nothing after it is read first, so the log never skips.
 */
export function startLogConsumer(options: LogConsumerOptions): LogConsumer {
  const { store, bus, stream, logger } = options;
  const retryMs = options.retryMs ?? 1000;
  let state: LogConsumerState = { phase: 'starting' };
  let running = true;
  let tail: Tail | null = null;
  let wake: (() => void) | null = null;

  const ingest = async (events: StoredEvent[]) => {
    const entries = events.map(mapEvent).filter((entry): entry is LogEntry => entry !== null);
    const lastId = events.at(-1)!.id;
    const outcome = await store.transaction(async (tx) => {
      const result = await applyEntries(tx, entries);
      await advanceCheckpoint(tx, stream, lastId, events.length);
      return result;
    });
    state = { phase: 'following', position: lastId };
    await options.afterBatch?.(outcome, lastId);
  };

  const onEvents = async (events: StoredEvent[]) => {
    for (let attempts = 1; running; attempts++) {
      try {
        await ingest(events);
        return;
      } catch (error) {
        state = { phase: 'retrying', position: events[0]!.id, error: error as Error, attempts };
        logger.error({ err: error, firstEvent: events[0]!.id, events: events.length, attempts }, 'process log batch failed; retrying it');
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, retryMs);
        });
      }
    }
  };

  const started = (async () => {
    const checkpoint = await readCheckpoint(store, stream);
    const after = checkpoint?.stream_id ?? '0';
    const oldest = await bus.oldestId();
    if (checkpoint && after !== '0-0' && oldest && compareStreamIds(oldest, after) > 0) {
      // The event read last is no longer retained: events after it may have been trimmed unread.
      await markGap(store, stream);
      logger.warn({ checkpoint: after, oldestRetained: oldest }, 'the event stream no longer holds where the process log stopped reading; events may be missing: run a backfill (startProcessLogBackfill)');
    }
    if (!running) return;
    state = { phase: 'following', position: after };
    tail = bus.tail(after, onEvents);
  })().catch((error: unknown) => {
    logger.error({ err: error }, 'process log consumer could not start');
    state = { phase: 'stopped' };
  });

  return {
    get state() {
      return state;
    },
    async stop() {
      running = false;
      wake?.();
      await started;
      await tail?.stop();
      state = { phase: 'stopped' };
    },
  };
}
