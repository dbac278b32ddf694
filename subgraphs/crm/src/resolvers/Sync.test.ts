import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { combineSyncSurfaces, localSyncSurface, type Identity, type Store, type SyncEngine, type SyncRun } from '@l2c/shared';
import { createContext } from '../context.ts';
import { buildCrmSchema } from '../server.ts';
import { engineer, staff } from '../testing/fixtures.ts';

const schema = buildCrmSchema();
const sfAdmin: Identity = { subject: 'admin-1', roles: ['sf_admin'], dealerAccountId: null };
const partner: Identity = { subject: 'partner-1', roles: ['partner'], dealerAccountId: 'd1' };
// No statement runs: the sync fields reach only the engine.
const noStore = {} as Store;

const run: SyncRun = {
  id: 'run-1',
  parentId: null,
  kind: 'run',
  mappings: ['Account', 'Lead'],
  mode: 'full',
  direction: 'both',
  trigger: 'manual',
  requestedBy: 'admin-1',
  status: 'running',
  phase: 'loading from Salesforce',
  done: 5,
  total: 10,
  apiCalls: 3,
  stats: { inserted: 5, objects: { Account: 'completed' } },
  error: null,
  cancelRequested: false,
  queuedAt: new Date('2026-01-01T00:00:00Z'),
  startedAt: new Date('2026-01-01T00:00:01Z'),
  finishedAt: null,
  updatedAt: new Date('2026-01-01T00:00:02Z'),
};

/** An engine that records what it was asked; enough for the graph's side of the contract. */
function fakeEngine(calls: string[]): SyncEngine {
  const partial: Partial<SyncEngine> = {
    mappings: [{ name: 'Account' }, { name: 'Lead' }] as unknown as SyncEngine['mappings'],
    startSync: async (request) => (calls.push(`startSync ${JSON.stringify(request)}`), run),
    getRun: async (id) => (calls.push(`getRun ${id}`), id === run.id ? { ...run, children: [] } : null),
    listRuns: async (filter) => (calls.push(`listRuns ${JSON.stringify(filter)}`), [run]),
    listFailures: async (filter) => (calls.push(`listFailures ${JSON.stringify(filter)}`), []),
    apiUsage: async () => (calls.push('apiUsage'), { used: 1_200, limit: 15_000, reserve: 1_500 }),
    resolveConflict: async (id, keep, by, edits) => {
      calls.push(`resolveConflict ${JSON.stringify([id, keep, by, edits])}`);
      throw new Error('not needed: the call is what is checked');
    },
  };
  return partial as SyncEngine;
}

/** The code a client would see: Apollo's formatError gives a DomainError's code to the response (plain `graphql` does not). */
function codeOf(result: { errors?: readonly { extensions?: Record<string, unknown>; originalError?: Error | undefined }[] }): unknown {
  const error = result.errors?.[0];
  const original = error?.originalError as { code?: string } | undefined;
  return original?.code ?? error?.extensions?.code;
}

async function ask(identity: Identity, source: string, sync: SyncEngine | null = null) {
  return graphql({ schema, source, contextValue: createContext(noStore, identity, undefined, sync && combineSyncSurfaces({ localName: 'crm', local: localSyncSurface(sync), remotes: [] })) });
}

const fields = [
  '{ syncJobs { nodes { id } } }',
  '{ syncJob(id: "run-1") { id } }',
  '{ syncObjects { object } }',
  '{ syncErrors { nodes { id } } }',
  '{ syncConflicts { nodes { id } } }',
  'mutation { startSync(input: { objects: ["Lead"] }) { id } }',
  'mutation { cancelSync(id: "run-1") { id } }',
  'mutation { retrySyncErrors(ids: ["1"]) { id } }',
  'mutation { skipSyncErrors(ids: ["1"]) { id } }',
  'mutation { resolveSyncConflict(id: "1", keep: LOCAL) { id } }',
  '{ syncApiUsage { used } }',
];

describe('sync in the graph', () => {
  it.each([
    ['staff', staff],
    ['partner', partner],
  ])('refuses every sync field to %s with FORBIDDEN, before the engine is asked', async (_name, identity) => {
    const calls: string[] = [];
    for (const source of fields) {
      const result = await ask(identity, source, fakeEngine(calls));
      expect(codeOf(result), source).toBe('FORBIDDEN');
      expect(result.errors?.[0]?.message).toContain('sf_admin, engineer');
    }
    expect(calls).toEqual([]);
  });

  it('answers SYNC_DISABLED to an engineer when the process runs without the sync', async () => {
    for (const source of fields) {
      const result = await ask(engineer, source);
      expect(codeOf(result), source).toBe('SYNC_DISABLED');
    }
  });

  it('starts a sync for an sf_admin as the caller, with the schema enums turned into the engine values', async () => {
    const calls: string[] = [];
    const result = await ask(sfAdmin, 'mutation { startSync(input: { objects: ["all"], mode: FULL, direction: IN }) { id status kind mode direction objects done total stats { inserted failed objects { object status } } children { id } } }', fakeEngine(calls));
    expect(result.errors).toBeUndefined();
    expect(calls[0]).toBe(`startSync ${JSON.stringify({ objects: 'all', mode: 'full', direction: 'in', requestedBy: 'admin-1' })}`);
    expect(result.data?.startSync).toEqual({
      id: 'run-1', status: 'RUNNING', kind: 'RUN', mode: 'FULL', direction: 'BOTH', objects: ['Account', 'Lead'], done: 5, total: 10,
      stats: { inserted: 5, failed: 0, objects: [{ object: 'Account', status: 'completed' }] }, children: [],
    });
  });

  it("gives the org's API usage with the sync's reserve, and searches the error queue", async () => {
    const calls: string[] = [];
    const usage = await ask(engineer, '{ syncApiUsage { used limit reserve } }', fakeEngine(calls));
    expect(usage.data?.syncApiUsage).toEqual({ used: 1_200, limit: 15_000, reserve: 1_500 });
    const errors = await ask(engineer, '{ syncErrors(filter: { object: "Lead", search: "  Phone  " }) { nodes { id } } }', fakeEngine(calls));
    expect(errors.errors).toBeUndefined();
    expect(calls).toEqual(['apiUsage', `listFailures ${JSON.stringify({ limit: 51, mapping: 'Lead', search: 'Phone' })}`]);
  });

  it('hands the edited values of a conflict to the engine by field, and refuses a field given twice', async () => {
    const calls: string[] = [];
    await ask(sfAdmin, 'mutation { resolveSyncConflict(id: "7", keep: LOCAL, values: [{ field: "Email", value: "a@example.com" }, { field: "Phone", value: null }]) { id } }', fakeEngine(calls));
    expect(calls).toEqual([`resolveConflict ${JSON.stringify([7, 'local', 'admin-1', { Email: 'a@example.com', Phone: null }])}`]);
    const twice = await ask(sfAdmin, 'mutation { resolveSyncConflict(id: "7", keep: LOCAL, values: [{ field: "Email", value: "a" }, { field: "Email", value: "b" }]) { id } }', fakeEngine([]));
    expect(codeOf(twice)).toBe('BAD_USER_INPUT');
    expect(twice.errors?.[0]?.message).toBe('values[1].field: names a field already given (got "Email")');
  });

  it('lists top-level jobs a page at a time for an engineer, and refuses a bad cursor naming it', async () => {
    const calls: string[] = [];
    const result = await ask(engineer, '{ syncJobs(status: [RUNNING], first: 1) { nodes { id } pageInfo { hasNextPage endCursor } } }', fakeEngine(calls));
    expect(result.data?.syncJobs).toMatchObject({ nodes: [{ id: 'run-1' }], pageInfo: { hasNextPage: false } });
    expect(calls).toEqual([`listRuns ${JSON.stringify({ topLevel: true, limit: 2, status: ['running'] })}`]);
    const bad = await ask(engineer, '{ syncJobs(after: "nope") { nodes { id } } }', fakeEngine([]));
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('after');
  });
});
