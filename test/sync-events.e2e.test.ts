/**
 * A change that arrives from Salesforce is heard like one made in the graph: the inbound sync records the CRM's
 * domain events in the same transaction as the write, so the relay hands them to subscriptions and webhooks.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createSyncEngine, repoRoot, type SyncEngine, type SyncRun } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { startTestOrg, type TestOrg, disposeEngine, runFinished } from '@l2c/test-support/sync';
import { crmMappings } from '@l2c/crm/salesforce';
import { seedOrg, type OrgSeed } from '@l2c/crm/salesforce/testing';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
let org: TestOrg;
let store: DisposableStore;
let engine: SyncEngine;
let seed: OrgSeed;

beforeAll(async () => {
  org = await startTestOrg();
  store = await storeDrivers.find((d) => d.name === 'pglite')!.open(join(repoRoot, 'subgraphs/crm/src/store/migrations'));
  engine = createSyncEngine({
    store,
    mappings: crmMappings,
    salesforce: org.clientOptions(),
    queue: { redisUrl, prefix },
    source: 'crm',
    logger: createLogger('sync-events-test', 'warn'),
    triggers: { schedules: { defaultMinutes: 0 }, pushIntervalMs: 0, cdc: false },
    tuning: { bulkPollMs: 50 },
  });
  await engine.start();
  seed = await seedOrg(await org.connect(), 6, 'events');
}, 60_000);

afterAll(async () => {
  await disposeEngine(engine, redisUrl, prefix);
  await store?.close();
  await org?.close();
});

async function sync(objects: string[], mode: 'full' | 'incremental'): Promise<SyncRun> {
  const { id } = await engine.startSync({ objects, mode, direction: 'in' });
  return runFinished(engine, id, { pollMs: 50 });
}

async function outbox(): Promise<{ type: string; entity_id: string; changes: Record<string, unknown> }[]> {
  return store.query('select type, entity_id, changes from outbox order by id');
}

describe('inbound sync and domain events', () => {
  it('records a LeadCreated and an OpportunityCreated for every record born in Salesforce', async () => {
    expect((await sync(['Account', 'Lead', 'Opportunity'], 'full')).status).toBe('completed');
    const events = await outbox();
    expect(events.filter((e) => e.type === 'LeadCreated')).toHaveLength(6);
    expect(events.filter((e) => e.type === 'OpportunityCreated')).toHaveLength(6);
    expect(events.map((e) => e.type).filter((t) => !['LeadCreated', 'OpportunityCreated'].includes(t))).toEqual([]);
  }, 60_000);

  it('records status, stage and won events for changes made in the org, and nothing for records that did not change', async () => {
    const before = (await outbox()).length;
    const client = await org.connect({ clientName: 'sales-console' });
    // The first seeded lead is Open - Not Contacted; the first opportunity is open.
    await client.update('Lead', [{ Id: seed.leads[0]!, Status: 'Working - Contacted' }]);
    await client.update('Opportunity', [{ Id: seed.opportunities[0]!, StageName: 'Closed Won' }]);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the second of the watermark
    expect((await sync(['Lead', 'Opportunity'], 'incremental')).status).toBe('completed');
    const [lead] = await store.query<{ id: string }>('select local_id as id from sync_links where mapping = $1 and sf_id = $2', ['Lead', seed.leads[0]]);
    const [opportunity] = await store.query<{ id: string }>('select local_id as id from sync_links where mapping = $1 and sf_id = $2', ['Opportunity', seed.opportunities[0]]);
    const events = (await outbox()).slice(before);
    expect(events.map((e) => [e.type, e.entity_id])).toEqual([
      ['LeadStatusChanged', lead!.id],
      ['OpportunityStageChanged', opportunity!.id],
      ['OpportunityWon', opportunity!.id],
    ]);
    expect(events[0]!.changes).toMatchObject({ status: { from: 'Open', to: 'Contacted' } });
  }, 60_000);
});
