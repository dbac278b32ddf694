import type { Queryable } from '@l2c/shared';

export interface Checkpoint {
  stream: string;
  stream_id: string;
  events: number;
  gap_detected_at: Date | null;
  updated_at: Date;
}

export async function readCheckpoint(db: Queryable, stream: string): Promise<Checkpoint | null> {
  const [row] = await db.query<Checkpoint>('select stream, stream_id, events, gap_detected_at, updated_at from log_checkpoints where stream = $1', [stream]);
  return row ?? null;
}

/** Moves the checkpoint forward (never back: two consumers racing cannot rewind it). */
export async function advanceCheckpoint(tx: Queryable, stream: string, streamId: string, events: number): Promise<void> {
  await tx.query(
    `insert into log_checkpoints (stream, stream_id, events) values ($1, $2, $3)
     on conflict (stream) do update set stream_id = excluded.stream_id, events = log_checkpoints.events + excluded.events, updated_at = now()
     where (split_part(log_checkpoints.stream_id, '-', 1)::numeric, split_part(log_checkpoints.stream_id, '-', 2)::numeric)
         < (split_part(excluded.stream_id, '-', 1)::numeric, split_part(excluded.stream_id, '-', 2)::numeric)`,
    [stream, streamId, events],
  );
}

export async function markGap(db: Queryable, stream: string): Promise<void> {
  await db.query(
    `insert into log_checkpoints (stream, stream_id, gap_detected_at) values ($1, '0-0', now())
     on conflict (stream) do update set gap_detected_at = now()`,
    [stream],
  );
}
