import { compareStreamIds, type EventBus, type StoredEvent } from '@l2c/shared';
import { FROM_OLDEST, checkResumePoint } from './resumePoint.ts';

export interface SubscriberOptions {
  /** Whether the subscriber may and wants to see an event: its family, types and scope. Called before any other work. */
  accepts(event: StoredEvent): boolean;
  /** Resume after this stream id (`"0"`: every retained event); null: live events only. */
  after: string | null;
  /** Most events waiting for the client before it counts as fallen behind. */
  bufferSize: number;
  /** Called once when the buffer overflows; the subscriber has ended and freed its buffer. */
  onOverflow(subscriber: Subscriber): void;
}

/** Where a subscriber is: reading retained events from the bus, fed live by the hub, or done. */
export type SubscriberPhase =
  | { phase: 'catching up' }
  | { phase: 'live' }
  | { phase: 'ended'; reason: 'returned' | 'overflowed' | 'failed' | 'hub stopped' };

/** What a subscriber needs from the hub: its position (the last event dispatched live) and to be forgotten. */
export interface HubLink {
  readonly position: string;
  readonly bus: EventBus;
  readonly retentionMs: number;
  remove(subscriber: Subscriber): void;
}

/** Events read per catch-up page; the buffer may briefly hold this many more than `bufferSize` while catching up. */
const CATCH_UP_PAGE = 200;

/**
 * One subscription's stream of events, in stream order, with no gap and no duplicate.
 *
 * Invariants: `#cursor` is the id of the last event examined (delivered or filtered out) and only grows; an event at
 * or before it is never queued again. A resuming subscriber first pages through retained events with `range`, paced
 * by its own buffer, and turns live only in the same tick in which its cursor has reached the hub's position: every
 * later event then comes from the hub, and any the catch-up already read is dropped by the cursor.
 */
export class Subscriber implements AsyncIterableIterator<StoredEvent> {
  #state: SubscriberPhase;
  #cursor: string;
  /** Live events at or before this id were read by the catch-up already. */
  #skipThrough: string | null = null;
  #queue: StoredEvent[] = [];
  #head = 0;
  #reader: { resolve(result: IteratorResult<StoredEvent, undefined>): void; reject(error: unknown): void } | null = null;
  #failure: unknown = null;
  #roomWaiter: (() => void) | null = null;

  constructor(
    private readonly options: SubscriberOptions,
    private readonly hub: HubLink,
  ) {
    this.#cursor = options.after ?? hub.position;
    this.#state = options.after === null ? { phase: 'live' } : { phase: 'catching up' };
    if (options.after !== null) void this.#catchUp();
  }

  get state(): SubscriberPhase {
    return this.#state;
  }

  /** Events waiting for the client. */
  get buffered(): number {
    return this.#queue.length - this.#head;
  }

  /** The hub offers every live event, in stream order; a subscriber still catching up ignores them. */
  offer(event: StoredEvent): void {
    if (this.#state.phase !== 'live') return;
    if (this.#skipThrough !== null) {
      if (compareStreamIds(event.id, this.#skipThrough) <= 0) return;
      this.#skipThrough = null;
    }
    this.#cursor = event.id;
    if (this.options.accepts(event)) this.#enqueue(event);
  }

  next(): Promise<IteratorResult<StoredEvent, undefined>> {
    if (this.#head < this.#queue.length) {
      const event = this.#queue[this.#head]!;
      this.#queue[this.#head++] = undefined as never;
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
      this.#wakeCatchUp();
      return Promise.resolve({ value: event, done: false });
    }
    if (this.#failure !== null) {
      const failure = this.#failure;
      this.#failure = null;
      return Promise.reject(failure);
    }
    if (this.#state.phase === 'ended') return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#reader = { resolve, reject };
    });
  }

  /** The client completed the subscription or went away. */
  return(): Promise<IteratorResult<StoredEvent, undefined>> {
    this.end('returned');
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Stops the subscriber and frees its buffer; a pending `next()` completes. */
  end(reason: 'returned' | 'overflowed' | 'failed' | 'hub stopped'): void {
    if (this.#state.phase === 'ended') return;
    this.#state = { phase: 'ended', reason };
    this.#queue = [];
    this.#head = 0;
    this.hub.remove(this);
    this.#wakeCatchUp();
    const reader = this.#reader;
    this.#reader = null;
    reader?.resolve({ value: undefined, done: true });
  }

  #enqueue(event: StoredEvent): void {
    const reader = this.#reader;
    if (reader) {
      this.#reader = null;
      reader.resolve({ value: event, done: false });
      return;
    }
    if (this.buffered >= this.options.bufferSize) {
      this.end('overflowed');
      this.options.onOverflow(this);
      return;
    }
    this.#queue.push(event);
  }

  async #catchUp(): Promise<void> {
    const { bus, retentionMs } = this.hub;
    try {
      let emptyPagesBehindHub = 0;
      for (let page = 0; ; page++) {
        while (this.#state.phase === 'catching up' && this.buffered >= this.options.bufferSize) await new Promise<void>((resolve) => (this.#roomWaiter = resolve));
        if (this.#state.phase !== 'catching up') return;
        // The first check was made before subscribing; a slow reader can fall out of the retention window later.
        if (page > 0 && this.#cursor !== FROM_OLDEST) await checkResumePoint(bus, this.#cursor, retentionMs);
        const events = await bus.range(this.#cursor, CATCH_UP_PAGE);
        if (this.#state.phase !== 'catching up') return;
        for (const event of events) {
          if (compareStreamIds(event.id, this.#cursor) <= 0) continue;
          this.#cursor = event.id;
          if (this.options.accepts(event)) this.#deliverCaughtUp(event);
        }
        const behindHub = compareStreamIds(this.#cursor, this.hub.position) < 0;
        // A page read before the hub's latest dispatch can be empty; two in a row while behind mean the events up to
        // the hub's position are gone from the stream (deleted), and there is nothing left to read before going live.
        emptyPagesBehindHub = events.length === 0 && behindHub ? emptyPagesBehindHub + 1 : 0;
        if ((events.length < CATCH_UP_PAGE && !behindHub) || emptyPagesBehindHub >= 2) {
          // Same tick as the comparison: the hub cannot dispatch in between, so nothing falls between the two paths.
          this.#skipThrough = this.#cursor;
          this.#state = { phase: 'live' };
          return;
        }
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Catch-up is paced by the buffer, so it may exceed `bufferSize` by at most one page and never overflows. */
  #deliverCaughtUp(event: StoredEvent): void {
    const reader = this.#reader;
    if (reader) {
      this.#reader = null;
      reader.resolve({ value: event, done: false });
    } else {
      this.#queue.push(event);
    }
  }

  #fail(error: unknown): void {
    if (this.#state.phase === 'ended') return;
    const reader = this.#reader;
    this.#reader = null;
    if (reader) reader.reject(error);
    else this.#failure = error;
    // Events already buffered are still delivered; the failure comes after them.
    const queue = this.#queue;
    const head = this.#head;
    this.end('failed');
    this.#queue = queue;
    this.#head = head;
  }

  #wakeCatchUp(): void {
    const wake = this.#roomWaiter;
    this.#roomWaiter = null;
    wake?.();
  }
}
