import { GraphQLError } from 'graphql';
import { badInput, compareStreamIds, type EventBus } from '@l2c/shared';

/** `after: "0"`: every retained event, for a subscriber that has seen none. */
export const FROM_OLDEST = '0';

const STREAM_ID = /^\d{1,16}-\d{1,16}$/;

/**
 * The resume point is older than the oldest retained event: events after it may have been trimmed away, so a gap-free
 * resume is impossible. The client should reload the state through queries and subscribe again without `after`.
 */
export class ResumePointExpiredError extends GraphQLError {
  constructor(after: string, oldestId: string | null, retentionMs: number) {
    const days = retentionMs / 86_400_000;
    const oldest = oldestId ? `the oldest retained event is ${oldestId} (${timeOf(oldestId)})` : 'no event is retained';
    super(
      `after: the resume point ${after} (${timeOf(after)}) is older than the events kept for resuming (${days} days; ${oldest}); ` +
        'events after it may be lost, so reload what you need through queries and subscribe again without "after"',
      { extensions: { code: 'RESUME_POINT_EXPIRED', after, oldestId, retentionDays: days } },
    );
    this.name = 'ResumePointExpiredError';
  }
}

/** Checks the shape of `after`: a stream id (`<ms>-<seq>`) as every payload's `id` carries it, or `"0"`. */
export function parseResumePoint(after: string | null | undefined): string | null {
  if (after === null || after === undefined) return null;
  // `0-0` is what an empty stream reports as its newest id: the same as "0".
  if (after === FROM_OLDEST || after === '0-0') return FROM_OLDEST;
  if (STREAM_ID.test(after)) return after;
  throw badInput('after', after, 'must be the id of an event received before (such as "1767225600000-0"), or "0" for every retained event');
}

/**
 * Refuses a resume point that cannot be served without a gap (`ResumePointExpiredError`), or that is newer than the
 * newest event (a stream that was reset, or an id from another graph: resuming would silently skip events).
 * `after` itself may be gone, but anything older than the oldest retained event may have been trimmed with events
 * after it, so it is refused; when nothing is retained, the retention window decides.
 */
export async function checkResumePoint(bus: EventBus, after: string, retentionMs: number, now = Date.now()): Promise<void> {
  if (after === FROM_OLDEST) return;
  const oldestId = await bus.oldestId();
  const expired = oldestId === null ? Number(after.split('-')[0]) < now - retentionMs : compareStreamIds(after, oldestId) < 0;
  if (expired) throw new ResumePointExpiredError(after, oldestId, retentionMs);
  const latestId = await bus.latestId();
  if (oldestId !== null && compareStreamIds(after, latestId) > 0) {
    throw badInput('after', after, `is newer than the newest event (${latestId}); pass the id of an event received from this graph`);
  }
}

function timeOf(streamId: string): string {
  const ms = Number(streamId.split('-')[0]);
  return Number.isFinite(ms) && ms < 8.64e15 ? new Date(ms).toISOString() : 'unknown time';
}
