import type { Queryable, Scope } from '@l2c/shared';

/** The log's state as a caller sees it (counts within the caller's scope). */
export interface LogStatus {
  asOf: string;
  events: number;
  cases: number;
  lastEventAt: Date | null;
  gapDetectedAt: Date | null;
}

/**
 * The log's position as the caller sees it. Opaque to clients: two equal positions mean equal figures. For the OEM's
 * own people, the stream id of the last event read and the log's last write (a backfill adds events without reading
 * the stream); for a partner, the state of its own dealer's cases only, so it learns nothing of other dealers' activity.
 */
export async function logPosition(db: Queryable, scope: Scope = { kind: 'all' }): Promise<string> {
  if (scope.kind === 'dealer') {
    const [row] = await db.query<{ n: number; last: Date | null; top: number | null }>(
      'select count(*)::int as n, max(updated_at) as last, max(case_no)::bigint as top from process_cases where dealer_id = $1',
      [scope.dealerAccountId],
    );
    return `d.${row?.n ?? 0}.${row?.top ?? 0}.${row?.last?.getTime() ?? 0}`;
  }
  const [row] = await db.query<{ stream_id: string | null; seq: number | null }>(
    `select (select stream_id from log_checkpoints order by updated_at desc limit 1) as stream_id, (select max(seq) from log_events)::bigint as seq`,
  );
  return `${row?.stream_id ?? '0-0'}.${row?.seq ?? 0}`;
}

export async function logStatus(db: Queryable, scope: Scope): Promise<LogStatus> {
  const dealer = scope.kind === 'dealer' ? scope.dealerAccountId : null;
  const [counts] = await db.query<{ cases: number; events: number; last_event_at: Date | null }>(
    `select count(*)::int as cases, coalesce(sum(event_count), 0)::int as events, max(ended_at) as last_event_at
       from process_cases where ($1::text is null or dealer_id = $1)`,
    [dealer],
  );
  const [checkpoint] = await db.query<{ gap_detected_at: Date | null }>('select gap_detected_at from log_checkpoints order by updated_at desc limit 1');
  return {
    asOf: await logPosition(db, scope),
    events: counts?.events ?? 0,
    cases: counts?.cases ?? 0,
    lastEventAt: counts?.last_event_at ?? null,
    gapDetectedAt: checkpoint?.gap_detected_at ?? null,
  };
}
