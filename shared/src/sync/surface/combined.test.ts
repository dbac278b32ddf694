import { describe, expect, it } from 'vitest';
import { DomainError, subgraphUnavailable } from '../../errors.ts';
import type { SyncRequest } from '../engine.ts';
import type { SyncFailure } from '../store/failures.ts';
import type { SyncRun } from '../store/runs.ts';
import { combineSyncSurfaces } from './combined.ts';
import type { SyncSurface } from './surface.ts';

/** A subgraph's sync as this surface sees it: its objects, runs and failures in memory, and what it was asked. */
function surface(objects: string[], runs: SyncRun[] = [], failures: SyncFailure[] = [], calls: string[] = []): SyncSurface {
  const sorted = [...runs].sort((a, b) => b.queuedAt.getTime() - a.queuedAt.getTime() || (a.id < b.id ? 1 : -1));
  return {
    objectNames: async () => objects,
    startSync: async (request: SyncRequest) => (calls.push(`startSync ${JSON.stringify(request.objects)}`), run('new', 0, request.objects === 'all' ? objects : [...request.objects])),
    cancel: async (id) => sorted.find((r) => r.id === id) ?? null,
    listRuns: async (filter = {}) => sorted.filter((r) => !filter.before || r.queuedAt < filter.before.queuedAt || (+r.queuedAt === +filter.before.queuedAt && r.id < filter.before.id)).slice(0, filter.limit),
    getRun: async (id) => {
      const found = sorted.find((r) => r.id === id);
      return found ? { ...found, children: [] } : null;
    },
    objectStates: async () => objects.map((mapping, level) => ({ mapping, level }) as never),
    listFailures: async (filter = {}) => failures.filter((f) => (filter.before === undefined || f.id < filter.before) && (!filter.mapping || f.mapping === filter.mapping)).slice(0, filter.limit),
    retryFailures: async (ids) => (calls.push(`retry ${ids.join(',')}`), []),
    skipFailures: async (ids) => (calls.push(`skip ${ids.join(',')}`), failures.filter((f) => ids.includes(f.id))),
    listConflicts: async () => [],
    resolveConflict: async () => {
      throw new Error('not used');
    },
    apiUsage: async () => null,
  };
}

function run(id: string, minute: number, mappings: string[] = ['X']): SyncRun {
  const at = new Date(Date.UTC(2026, 0, 1, 0, minute));
  return { id, parentId: null, kind: 'object', mappings, mode: 'full', direction: 'both', trigger: 'manual', requestedBy: null, status: 'completed', phase: null, done: 0, total: null, apiCalls: 0, stats: {}, error: null, cancelRequested: false, queuedAt: at, startedAt: at, finishedAt: at, updatedAt: at };
}

function failure(id: number, mapping: string, minute: number): SyncFailure {
  const at = new Date(Date.UTC(2026, 0, 1, 0, minute));
  return { id, mapping, direction: 'outbound', localId: `l${id}`, sfId: null, errorCode: 'E', fields: [], message: 'm', retryable: false, status: 'open', attempts: 1, runId: null, firstSeenAt: at, lastSeenAt: at, resolvedAt: null };
}

const down: SyncSurface = new Proxy({} as SyncSurface, { get: () => async () => Promise.reject(subgraphUnavailable('billing', 'connection refused')) });

describe('combineSyncSurfaces', () => {
  it('routes object names: bare to CRM, then to the one other subgraph that maps them; prefixed to the subgraph named', async () => {
    const calls = { crm: [] as string[], cpq: [] as string[], visits: [] as string[] };
    const sync = combineSyncSurfaces({
      localName: 'crm',
      local: surface(['Account', 'Lead'], [], [], calls.crm),
      remotes: [
        { name: 'cpq', surface: surface(['Product2', 'SBQQ__Quote__c'], [], [], calls.cpq) },
        { name: 'visits', surface: surface(['Account', 'Visit', 'Product2'], [], [], calls.visits) },
      ],
    });
    expect(await sync.startSync({ objects: ['SBQQ__Quote__c'] })).toMatchObject({ subgraph: 'cpq', mappings: ['cpq:SBQQ__Quote__c'] });
    expect(await sync.startSync({ objects: ['Account'] })).toMatchObject({ subgraph: 'crm', mappings: ['Account'] });
    expect(await sync.startSync({ objects: ['visits:Account', 'Visit'] })).toMatchObject({ subgraph: 'visits', mappings: ['visits:Account', 'visits:Visit'] });
    expect(await sync.startSync({ objects: ['cpq:all'] })).toMatchObject({ subgraph: 'cpq' });
    expect(calls).toEqual({ crm: ['startSync ["Account"]'], cpq: ['startSync ["SBQQ__Quote__c"]', 'startSync "all"'], visits: ['startSync ["Account","Visit"]'] });
    await expect(sync.startSync({ objects: ['Product2'] })).rejects.toThrow('input.objects[0]: is mapped by several subgraphs: name one of cpq:Product2, visits:Product2 (got "Product2")');
    await expect(sync.startSync({ objects: ['Lead', 'Visit'] })).rejects.toThrow('start one sync per subgraph');
    await expect(sync.startSync({ objects: ['billing:Account'] })).rejects.toThrow('names no subgraph whose sync this graph reaches (crm, cpq, visits)');
  });

  it('routes failure ids by their prefix, and refuses one that names no subgraph', async () => {
    const crm: string[] = [];
    const cpq: string[] = [];
    const sync = combineSyncSurfaces({ localName: 'crm', local: surface([], [], [], crm), remotes: [{ name: 'cpq', surface: surface([], [], [failure(7, 'SBQQ__Quote__c', 1)], cpq) }] });
    expect(await sync.skipFailures(['3', 'cpq:7', 'crm:4'])).toEqual([expect.objectContaining({ id: 'cpq:7', subgraph: 'cpq', mapping: 'cpq:SBQQ__Quote__c' })]);
    expect([crm, cpq]).toEqual([['skip 3,4'], ['skip 7']]);
    await expect(sync.skipFailures(['nope:1'])).rejects.toThrow(DomainError);
    await expect(sync.skipFailures(['0'])).rejects.toThrow('ids[0]: must be a sync error or conflict id');
  });

  it('pages runs of several subgraphs newest first, and answers without a subgraph that is down, naming it', async () => {
    const sync = combineSyncSurfaces({
      localName: 'crm',
      local: surface([], [run('a', 1), run('b', 4), run('c', 5)]),
      remotes: [
        { name: 'cpq', surface: surface([], [run('d', 2), run('e', 3), run('f', 6)]) },
        { name: 'billing', surface: down },
      ],
    });
    const seen: string[] = [];
    let after: Record<string, unknown> | undefined;
    for (;;) {
      const { value, missing } = await sync.runs({}, { limit: 2, ...(after ? { after } : {}) });
      expect(missing).toEqual([{ subgraph: 'billing', code: 'SUBGRAPH_UNAVAILABLE', message: 'the billing subgraph is unavailable: connection refused' }]);
      seen.push(...value.nodes.map((n) => `${n.row.subgraph}:${n.row.id}`));
      if (!value.hasNextPage) break;
      after = value.end;
    }
    expect(seen).toEqual(['cpq:f', 'crm:c', 'crm:b', 'cpq:e', 'cpq:d', 'crm:a']);
    const objects = await sync.objectStates();
    expect(objects.missing.map((m) => m.subgraph)).toEqual(['billing']);
  });
});
