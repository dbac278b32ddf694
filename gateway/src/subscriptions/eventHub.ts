import { DEFAULT_RETENTION_MS, type EventBus, type Logger, type StoredEvent, type Tail } from '@l2c/shared';
import { Subscriber, type HubLink, type SubscriberOptions } from './subscriber.ts';

export interface EventHubOptions {
  bus: EventBus;
  logger: Logger;
  /** How long the bus keeps events; older resume points are refused. Default 7 days. */
  retentionMs?: number;
  /** How long `start` waits for the bus to answer before failing. Default 10 s. */
  startTimeoutMs?: number;
}

export type EventHubState = { phase: 'idle' } | { phase: 'running'; tail: Tail } | { phase: 'stopped' };

/**
 * One tail of the event stream per gateway, fanned out to every subscriber in memory. Dispatch is synchronous and
 * never waits for a subscriber: each event is offered to each subscriber, which filters it and queues it in its own
 * bounded buffer, so a slow subscriber cannot slow the others.
 */
export class EventHub implements HubLink {
  readonly bus: EventBus;
  readonly retentionMs: number;
  #state: EventHubState = { phase: 'idle' };
  #position = '0-0';
  readonly #subscribers = new Set<Subscriber>();
  readonly #logger: Logger;
  readonly #startTimeoutMs: number;

  constructor(options: EventHubOptions) {
    this.bus = options.bus;
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.#logger = options.logger;
    this.#startTimeoutMs = options.startTimeoutMs ?? 10_000;
  }

  get state(): EventHubState {
    return this.#state;
  }

  /** The id of the last event dispatched (at start: the newest event in the stream). */
  get position(): string {
    return this.#position;
  }

  /** Subscribers currently registered. */
  get size(): number {
    return this.#subscribers.size;
  }

  /** Starts following the stream from its newest event. Fails, naming the bus, when it does not answer in time. */
  async start(): Promise<void> {
    if (this.#state.phase !== 'idle') throw new Error(`the event hub cannot start: it is ${this.#state.phase}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the event bus did not answer within ${this.#startTimeoutMs} ms; is Redis running at REDIS_URL?`)), this.#startTimeoutMs);
    });
    try {
      this.#position = await Promise.race([this.bus.latestId(), timeout]);
    } finally {
      clearTimeout(timer);
    }
    this.#state = { phase: 'running', tail: this.bus.tail(this.#position, (events) => this.#dispatch(events)) };
  }

  /** Registers a subscriber: live from now, or resuming after `options.after`. */
  subscribe(options: SubscriberOptions): Subscriber {
    if (this.#state.phase !== 'running') throw new Error(`the event hub is ${this.#state.phase}; subscriptions are not served`);
    const subscriber = new Subscriber(options, this);
    this.#subscribers.add(subscriber);
    return subscriber;
  }

  remove(subscriber: Subscriber): void {
    this.#subscribers.delete(subscriber);
  }

  /** Stops the tail and ends every subscriber. */
  async stop(): Promise<void> {
    const state = this.#state;
    this.#state = { phase: 'stopped' };
    for (const subscriber of [...this.#subscribers]) subscriber.end('hub stopped');
    if (state.phase === 'running') await state.tail.stop();
  }

  #dispatch(events: StoredEvent[]): void {
    // The bus's tail stops for good when its handler throws, so nothing may escape from here.
    for (const event of events) {
      this.#position = event.id;
      for (const subscriber of this.#subscribers) {
        try {
          subscriber.offer(event);
        } catch (error) {
          this.#logger.error({ err: error, eventId: event.eventId }, 'a subscriber failed to take an event; ending it');
          subscriber.end('failed');
        }
      }
    }
  }
}
