import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus } from './bus.ts';
import { MemoryEventBus } from './memoryBus.ts';
import { RedisEventBus } from './redisBus.ts';
import type { DomainEvent, StoredEvent } from './types.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One conformance suite for every implementation: the same behaviour from memory and from Redis Streams. */
const implementations: { name: string; open: () => EventBus }[] = [
  { name: 'memory', open: () => new MemoryEventBus() },
  { name: 'redis', open: () => new RedisEventBus({ url: redisUrl, stream: `test:events:${randomBytes(6).toString('hex')}`, blockMs: 100 }) },
];

function event(type: string, overrides: Partial<DomainEvent> = {}): DomainEvent {
  return { eventId: randomUUID(), type, entity: { typename: 'Lead', id: 'lead-1' }, dealerIds: ['d1'], changes: {}, occurredAt: new Date().toISOString(), source: 'crm', ...overrides };
}

async function until<T>(read: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(implementations)('event bus on $name', ({ open }) => {
  const opened: EventBus[] = [];
  const bus = () => {
    const b = open();
    opened.push(b);
    return b;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((b) => b.close()));
  });

  it('keeps events in order with increasing ids and ranges strictly after an id', async () => {
    const b = bus();
    const ids = [];
    for (const type of ['A', 'B', 'C']) ids.push(await b.publish(event(type)));
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect((await b.range('0', 10)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    expect((await b.range(ids[0]!, 10)).map((e) => e.type)).toEqual(['B', 'C']);
    expect(await b.oldestId()).toBe(ids[0]);
    expect(await b.latestId()).toBe(ids[2]);
  });

  it('publishes an event id once, however often it is sent', async () => {
    const b = bus();
    const e = event('A');
    expect(await b.publish(e)).not.toBeNull();
    expect(await b.publish(e)).toBeNull();
    expect(await b.range('0', 10)).toHaveLength(1);
  });

  it('tails live events from now, or from a position, in order', async () => {
    const b = bus();
    const first = await b.publish(event('before'));
    const fromNow: StoredEvent[] = [];
    const fromFirst: StoredEvent[] = [];
    const live = b.tail('$', (events) => void fromNow.push(...events));
    const replay = b.tail(first!, (events) => void fromFirst.push(...events));
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let i = 0; i < 5; i++) await b.publish(event(`live-${i}`));
    await until(() => (fromNow.length === 5 && fromFirst.length === 5 ? true : undefined));
    expect(fromNow.map((e) => e.type)).toEqual(['live-0', 'live-1', 'live-2', 'live-3', 'live-4']);
    expect(fromFirst).toEqual(fromNow);
    await live.stop();
    await replay.stop();
  });

  it('delivers each event to one consumer of a group, and again when the handler failed', async () => {
    const b = bus();
    const seen: string[] = [];
    let failOnce = true;
    const consumer = b.consume('webhooks', 'c1', async (e) => {
      if (e.type === 'flaky' && failOnce) {
        failOnce = false;
        throw new Error('endpoint down');
      }
      seen.push(e.type);
    });
    await b.publish(event('one'));
    await b.publish(event('flaky'));
    await b.publish(event('two'));
    await until(() => (seen.length >= 3 ? true : undefined));
    expect(seen).toEqual(['one', 'flaky', 'two']);
    await consumer.stop();
  });

  it('stops a consumer whose handler keeps failing', async () => {
    const b = bus();
    let attempts = 0;
    const consumer = b.consume('stuck', 'c1', async () => {
      attempts++;
      throw new Error('endpoint gone');
    });
    await b.publish(event('doomed'));
    await until(() => (attempts >= 2 ? true : undefined));
    await consumer.stop();
    const after = attempts;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(attempts).toBe(after);
  });
});
