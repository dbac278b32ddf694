import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { storeDrivers, type DisposableStore } from '../testing/index.ts';
import { MemoryEventBus } from './memoryBus.ts';
import { recordEvent } from './outbox.ts';
import { startOutboxRelay } from './relay.ts';

const logger = createLogger('relay-test', 'silent');

describe.each(storeDrivers)('outbox relay on $name', ({ open }) => {
  let store: DisposableStore;
  afterEach(() => store.close());

  async function openStore() {
    store = await open(await mkdtemp(join(tmpdir(), 'no-migrations-')));
    return store;
  }

  it('publishes committed events in order and nothing from a rolled-back change', async () => {
    await openStore();
    const bus = new MemoryEventBus();
    await store.transaction(async (tx) => {
      await recordEvent(tx, { type: 'LeadCreated', entity: { typename: 'Lead', id: 'l1' }, dealerIds: ['d1', null, 'd1'] });
      await recordEvent(tx, { type: 'LeadStatusChanged', entity: { typename: 'Lead', id: 'l1' }, changes: { status: { from: 'Open', to: 'Contacted' } } });
    });
    await expect(
      store.transaction(async (tx) => {
        await recordEvent(tx, { type: 'LeadCreated', entity: { typename: 'Lead', id: 'ghost' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const relay = startOutboxRelay({ store, bus, source: 'crm', logger });
    await relay.drain();
    await relay.stop();
    const events = await bus.range('0', 10);
    expect(events.map((e) => [e.type, e.entity.id])).toEqual([['LeadCreated', 'l1'], ['LeadStatusChanged', 'l1']]);
    expect(events[0]).toMatchObject({ source: 'crm', dealerIds: ['d1'] });
    expect(events[1]!.changes).toEqual({ status: { from: 'Open', to: 'Contacted' } });
  });

  it('delivers an event once when the relay dies between publishing and marking it', async () => {
    await openStore();
    const bus = new MemoryEventBus();
    await store.transaction((tx) => recordEvent(tx, { type: 'LeadAssigned', entity: { typename: 'Lead', id: 'l2' }, dealerIds: ['d2'] }));
    const crashing = startOutboxRelay({
      store,
      bus,
      source: 'crm',
      logger,
      afterPublish: () => {
        throw new Error('killed after publish');
      },
    });
    await expect(crashing.drain()).rejects.toThrow('killed after publish');
    expect(crashing.state.phase).toBe('failed');
    expect(await bus.range('0', 10)).toHaveLength(1);
    expect(await store.query('select count(*)::int as n from outbox where published_at is null')).toEqual([{ n: 1 }]);

    const restarted = startOutboxRelay({ store, bus, source: 'crm', logger });
    await restarted.drain();
    await restarted.stop();
    expect((await bus.range('0', 10)).map((e) => e.type)).toEqual(['LeadAssigned']);
    expect(await store.query('select count(*)::int as n from outbox where published_at is null')).toEqual([{ n: 0 }]);
  });
});
