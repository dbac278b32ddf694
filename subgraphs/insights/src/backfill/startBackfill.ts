import { randomUUID } from 'node:crypto';
import { conflict, requireRole } from '@l2c/shared';
import type { Context } from '../context.ts';
import { insertBackfill, updateBackfill } from '../store/backfills.ts';
import type { BackfillRow } from '../store/rows.ts';

/** Queues a rebuild of the log's history; the OEM's own people only (it reads every dealer's business). */
export async function startBackfill(ctx: Context): Promise<BackfillRow> {
  requireRole(ctx.identity, 'startProcessLogBackfill', 'staff', 'sf_admin', 'engineer');
  if (!ctx.backfills) throw conflict('backfills run on a BullMQ queue, and this insights process runs without one (INSIGHTS_WORKER=off and no Redis queue)', { rule: 'BACKFILL_UNAVAILABLE' });
  const row = await insertBackfill(ctx.store, randomUUID(), ctx.identity.subject);
  try {
    await ctx.backfills.enqueue(row.id);
  } catch (error) {
    await updateBackfill(ctx.store, row.id, { status: 'FAILED', finished_at: new Date(), error: `could not be queued: ${(error as Error).message}` });
    throw error;
  }
  return row;
}
