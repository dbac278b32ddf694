import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, MemoryEventBus } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { readCheckpoint } from '../store/checkpoints.ts';
import { casesByIds } from '../store/cases.ts';
import { openInsightsStore } from '../testing/store.ts';
import { tenCases } from '../testing/tenCases.ts';
import { waitFor } from '../testing/waitFor.ts';
import { startLogConsumer } from './consumer.ts';

const logger = createLogger('consumer-test', 'silent');
let store: DisposableStore;
beforeEach(async () => (store = await openInsightsStore()));
afterEach(() => store.close());

describe('the stream consumer', () => {
  it('resumes from its checkpoint after a stop, and the log is as if it had never stopped', async () => {
    const bus = new MemoryEventBus();
    const events = tenCases().inStreamOrder();
    const half = Math.floor(events.length / 2);
    for (const event of events.slice(0, half)) await bus.publish(event);
    const first = startLogConsumer({ store, bus, stream: 's', logger });
    const middle = await bus.latestId();
    await waitFor(async () => (await readCheckpoint(store, 's'))?.stream_id === middle);
    await first.stop();
    expect(first.state).toEqual({ phase: 'stopped' });

    for (const event of events.slice(half)) await bus.publish(event);
    const second = startLogConsumer({ store, bus, stream: 's', logger });
    const last = await bus.latestId();
    await waitFor(async () => (await readCheckpoint(store, 's'))?.stream_id === last);
    await second.stop();

    const reference = await openInsightsStore();
    try {
      const replay = new MemoryEventBus();
      for (const event of events) await replay.publish(event);
      const once = startLogConsumer({ store: reference, bus: replay, stream: 's', logger });
      const end = await replay.latestId();
      await waitFor(async () => (await readCheckpoint(reference, 's'))?.stream_id === end);
      await once.stop();
      const ids = Array.from({ length: 10 }, (_, i) => `c${i + 1}`);
      const traces = async (db: DisposableStore) => (await casesByIds(db, { kind: 'all' }, ids)).map((c) => [c.case_id, c.trace]).sort();
      expect(await traces(store)).toEqual(await traces(reference));
      expect((await readCheckpoint(store, 's'))!.events).toBe(events.length);
    } finally {
      await reference.close();
    }
  });

  it('retries a batch the store refuses, reading nothing after it until it is written', async () => {
    const bus = new MemoryEventBus();
    const events = tenCases().inStreamOrder();
    for (const event of events) await bus.publish(event);
    // The store fails the first writes (as a database restarting would), then recovers.
    let refused = 0;
    const flaky = {
      ...store,
      driver: store.driver,
      query: store.query.bind(store),
      onStatement: store.onStatement.bind(store),
      ping: store.ping.bind(store),
      close: store.close.bind(store),
      transaction: <T>(work: Parameters<typeof store.transaction<T>>[0]) => (refused < 2 && ++refused ? Promise.reject(new Error('connection terminated')) : store.transaction(work)),
    };
    const states: string[] = [];
    const consumer = startLogConsumer({ store: flaky, bus, stream: 'f', logger, retryMs: 10, afterBatch: () => void states.push(consumer.state.phase) });
    const last = await bus.latestId();
    await waitFor(async () => (await readCheckpoint(store, 'f'))?.stream_id === last);
    await consumer.stop();
    expect(refused).toBe(2);
    // Every event counted once: the refused batch was written when the store came back, and none after it was skipped.
    expect((await readCheckpoint(store, 'f'))!.events).toBe(events.length);
    expect((await casesByIds(store, { kind: 'all' }, ['c1']))[0]!.trace).toHaveLength(15);
    expect(states.every((phase) => phase === 'following')).toBe(true);
  });
});
