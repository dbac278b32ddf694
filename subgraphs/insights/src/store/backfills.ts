import type { Queryable } from '@l2c/shared';
import type { BackfillRow } from './rows.ts';

const COLUMNS = 'id, status, requested_by, requested_at, started_at, finished_at, records_read, events_added, error';

export async function insertBackfill(db: Queryable, id: string, requestedBy: string): Promise<BackfillRow> {
  const [row] = await db.query<BackfillRow>(`insert into log_backfills (id, status, requested_by) values ($1, 'QUEUED', $2) returning ${COLUMNS}`, [id, requestedBy]);
  return row!;
}

export async function listBackfills(db: Queryable, first: number): Promise<BackfillRow[]> {
  return db.query<BackfillRow>(`select ${COLUMNS} from log_backfills order by requested_at desc, id limit $1`, [first]);
}

export async function backfillById(db: Queryable, id: string): Promise<BackfillRow | null> {
  const [row] = await db.query<BackfillRow>(`select ${COLUMNS} from log_backfills where id = $1`, [id]);
  return row ?? null;
}

export async function updateBackfill(db: Queryable, id: string, changes: Partial<Pick<BackfillRow, 'status' | 'started_at' | 'finished_at' | 'error'>> & { addRead?: number; addEvents?: number }): Promise<void> {
  await db.query(
    `update log_backfills set status = coalesce($2, status), started_at = coalesce($3, started_at), finished_at = coalesce($4, finished_at),
            error = coalesce($5, error), records_read = records_read + $6, events_added = events_added + $7 where id = $1`,
    [id, changes.status ?? null, changes.started_at ?? null, changes.finished_at ?? null, changes.error ?? null, changes.addRead ?? 0, changes.addEvents ?? 0],
  );
}
