import type { Logger, Store } from '@l2c/shared';
import { applyEntries } from '../ingest/applyEntries.ts';
import { updateBackfill } from '../store/backfills.ts';
import type { History } from './history.ts';

/**
 * Runs one backfill: every page of history is written like a batch from the stream (one transaction each), so a run
 * cut short keeps what it wrote, and a rerun adds only what is missing. Progress is on the backfill's row.
 */
export async function runBackfill(options: { store: Store; history: History; backfillId: string; logger: Logger; afterPage?: (cases: string[]) => void | Promise<void> }): Promise<void> {
  const { store, backfillId, logger } = options;
  await updateBackfill(store, backfillId, { status: 'RUNNING', started_at: new Date() });
  try {
    for await (const page of options.history()) {
      const outcome = await store.transaction((tx) => applyEntries(tx, page.entries));
      await updateBackfill(store, backfillId, { addRead: page.records, addEvents: outcome.added });
      await options.afterPage?.(outcome.cases.map((c) => c.dealerId ?? '').filter(Boolean));
    }
    await updateBackfill(store, backfillId, { status: 'COMPLETED', finished_at: new Date() });
    logger.info({ backfillId }, 'process log backfill completed');
  } catch (error) {
    await updateBackfill(store, backfillId, { status: 'FAILED', finished_at: new Date(), error: (error as Error).message });
    logger.error({ err: error, backfillId }, 'process log backfill failed');
    throw error;
  }
}
