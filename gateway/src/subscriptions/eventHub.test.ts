import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryEventBus, createLogger, type DomainEvent, type EventBus, type StoredEvent } from '@l2c/shared';
import { EventHub } from './eventHub.ts';
import type { Subscriber } from './subscriber.ts';

const logger = createLogger('hub-test', 'silent');
const hubs: EventHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.stop()));
});

/**
 * The memory bus with the timing of a networked one: a page read reflects the stream as it was a moment before it
 * arrives, and the hub's tail hands batches over late. Without both, the races a resume must survive never happen.
 */
class LaggingBus implements EventBus {
  readonly #bus = new MemoryEventBus();
  publish = (event: DomainEvent) => this.#bus.publish(event);
  oldestId = () => this.#bus.oldestId();
  latestId = () => this.#bus.latestId();
  consume: EventBus['consume'] = (...args) => this.#bus.consume(...args);
  close = () => this.#bus.close();

  #calls = 0;

  async range(afterId: string, count: number): Promise<StoredEvent[]> {
    const events = await this.#bus.range(afterId, count);
    await ticks(this.#calls++ % 4);
    return events;
  }

  tail(afterId: string, onEvents: (events: StoredEvent[]) => Promise<void> | void) {
    return this.#bus.tail(afterId, async (events) => {
      await ticks((this.#calls++ * 7) % 3);
      await onEvents(events);
    });
  }
}

async function startHub() {
  const bus = new LaggingBus();
  const hub = new EventHub({ bus, logger });
  hubs.push(hub);
  await hub.start();
  const publish = (dealer = 'd1') =>
    bus.publish({ eventId: randomUUID(), type: 'LeadCreated', entity: { typename: 'Lead', id: 'l' }, dealerIds: [dealer], changes: {}, occurredAt: new Date().toISOString(), source: 'test' }) as Promise<string>;
  return { bus, hub, publish };
}

const everything = () => true;
const never = () => undefined;

/** Reads a subscriber until it has `count` events, or nothing came for 3 s (then the caller's assertion says what is missing). */
async function read(subscriber: Subscriber, count: number): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  while (events.length < count) {
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([subscriber.next(), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 3000)))]);
    clearTimeout(timer);
    if (!next || next.done) break;
    events.push(next.value);
  }
  return events;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await tick();
};

describe('the event hub', () => {
  it.each([0, 150, 480])('resumes after event %i with no gap and no duplicate while events keep coming', async (resumeIndex) => {
    const { bus, hub, publish } = await startHub();
    const ids: string[] = [];
    for (let i = 0; i < 500; i++) ids.push(await publish());
    // Publishing goes on, with pauses that let the hub dispatch, while the subscriber catches up.
    const publishing = (async () => {
      for (let i = 0; i < 500; i++) {
        ids.push(await publish());
        if (i % 3 === 0) await tick();
      }
    })();
    await tick();
    const subscriber = hub.subscribe({ accepts: everything, after: ids[resumeIndex]!, bufferSize: 2000, onOverflow: never });
    const expected = 999 - resumeIndex;
    const received = await read(subscriber, expected);
    await publishing;
    expect(received.map((e) => e.id)).toEqual(ids.slice(resumeIndex + 1));
    expect(subscriber.state).toEqual({ phase: 'live' });
    const later = await publish();
    expect((await read(subscriber, 1)).map((e) => e.id)).toEqual([later]);
    expect(await bus.range(ids.at(-1)!, 10)).toHaveLength(1);
  });

  it('offers live events only to subscribers that accept them, before queueing anything', async () => {
    const { hub, publish } = await startHub();
    const d1 = hub.subscribe({ accepts: (e) => e.dealerIds.includes('d1'), after: null, bufferSize: 10, onOverflow: never });
    const d2 = hub.subscribe({ accepts: (e) => e.dealerIds.includes('d2'), after: null, bufferSize: 10, onOverflow: never });
    await publish('d1');
    await publish('d2');
    await publish('d1');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([d1.buffered, d2.buffered]).toEqual([2, 1]);
  });

  it('ends a subscriber whose buffer overflows, frees it and says so once, without holding up the others', async () => {
    const { hub, publish } = await startHub();
    const overflowed: Subscriber[] = [];
    const slow = hub.subscribe({ accepts: everything, after: null, bufferSize: 5, onOverflow: (s) => overflowed.push(s) });
    const fast = hub.subscribe({ accepts: everything, after: null, bufferSize: 5, onOverflow: (s) => overflowed.push(s) });
    const reading = read(fast, 20);
    for (let i = 0; i < 20; i++) {
      await publish();
      await tick();
    }
    expect(await reading).toHaveLength(20);
    expect(overflowed).toEqual([slow]);
    expect(slow.state).toEqual({ phase: 'ended', reason: 'overflowed' });
    expect(slow.buffered).toBe(0);
    expect(hub.size).toBe(1);
    expect(await slow.next()).toEqual({ value: undefined, done: true });
  });

  it('paces a catch-up by the buffer, so resuming far back does not load the backlog into memory', async () => {
    const { hub, publish } = await startHub();
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) ids.push(await publish());
    const subscriber = hub.subscribe({ accepts: everything, after: '0', bufferSize: 10, onOverflow: never });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // One page may come on top of the buffer: the catch-up waits for room, then reads a page.
    expect(subscriber.buffered).toBeGreaterThan(0);
    expect(subscriber.buffered).toBeLessThanOrEqual(10 + 200);
    expect((await read(subscriber, 1000)).map((e) => e.id)).toEqual(ids);
  });

  it('completes a pending read when the subscriber returns, and forgets it', async () => {
    const { hub } = await startHub();
    const subscriber = hub.subscribe({ accepts: everything, after: null, bufferSize: 5, onOverflow: never });
    const pending = subscriber.next();
    await subscriber.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(hub.size).toBe(0);
  });
});
