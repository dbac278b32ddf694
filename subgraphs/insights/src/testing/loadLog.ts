import type { StoredEvent, Store } from '@l2c/shared';
import type { LogEntry } from '../domain/logEntry.ts';
import { mapEvent } from '../domain/mapEvent.ts';
import { applyEntries } from '../ingest/applyEntries.ts';

/** Writes events into the log in batches, as the consumer would (without a bus). */
export async function loadLog(store: Store, events: readonly StoredEvent[], batchSize = 50): Promise<void> {
  for (let i = 0; i < events.length; i += batchSize) {
    const entries = events.slice(i, i + batchSize).map(mapEvent).filter((e): e is LogEntry => e !== null);
    await store.transaction((tx) => applyEntries(tx, entries));
  }
}
