import type { DomainEvent, StoredEvent } from './types.ts';

/**
 * The event bus between subgraphs and their consumers (the gateway's subscriptions, webhooks, insights). Two
 * implementations pass one conformance suite: Redis Streams for running systems, memory for unit tests.
 */
export interface EventBus {
  /**
   * Appends an event. Publishing the same `eventId` again (a relay retrying after a crash) appends nothing and
   * resolves to `null`, so consumers never see a duplicate.
   */
  publish(event: DomainEvent): Promise<string | null>;
  /** Up to `count` retained events strictly after `afterId` (`0` for the oldest), in stream order. */
  range(afterId: string, count: number): Promise<StoredEvent[]>;
  /** The id of the oldest retained event, or null when none is retained. */
  oldestId(): Promise<string | null>;
  /** The id of the newest event, or `0-0` when none. */
  latestId(): Promise<string>;
  /**
   * Follows the stream live from after `afterId` (`$`: only events published from now on), calling `onEvents` with
   * each batch in order; the next batch waits for the previous handler to settle.
   */
  tail(afterId: string, onEvents: (events: StoredEvent[]) => Promise<void> | void): Tail;
  /**
   * Delivers every event once to one of the consumers of `group` (created at the stream's start when new); an event
   * whose handler throws is delivered again later. For background consumers such as webhook delivery.
   */
  consume(group: string, consumer: string, onEvent: (event: StoredEvent) => Promise<void>): Tail;
  close(): Promise<void>;
}

export interface Tail {
  stop(): Promise<void>;
}

/** How long events stay retained for resuming subscribers. Default 7 days. */
export const DEFAULT_RETENTION_MS = 7 * 24 * 3600_000;
