/**
 * The graph's sync surface: every subgraph's sync behind one API. The graph's own sync (CRM's, `local`) keeps its
 * object names and record numbers bare (`Lead`, `42`); another subgraph's are prefixed with its name
 * (`cpq:SBQQ__Quote__c`, `cpq:42`), so names and ids stay unique though several subgraphs map `Account`. A bare name
 * that the graph's own sync does not map is routed to the one other subgraph that maps it. Run ids are UUIDs: a run is
 * found by asking every subgraph.
 *
 * Reads gather from every subgraph and answer with what those that answered returned, naming the others in
 * `missing`; a command goes to the one subgraph it concerns, and fails if that one does not answer.
 */
import { badInput, DomainError, ErrorCode } from '../../errors.ts';
import type { ObjectState, SyncApiUsage, SyncRequest } from '../engine.ts';
import type { ConflictFilter, ConflictResolution, SyncConflict } from '../store/conflicts.ts';
import type { FailureFilter, SyncFailure } from '../store/failures.ts';
import type { RunDirection, RunStatus, SyncRun } from '../store/runs.ts';
import { mergeNewestFirst, type MergedPage, type Positions } from './merge.ts';
import type { SyncSurface } from './surface.ts';

export interface SyncSource {
  /** The subgraph (`crm`, `cpq`). */
  name: string;
  surface: SyncSurface;
}

export interface CombinedSyncOptions {
  /** The name of the graph's own sync, whose names and ids stay bare. */
  localName: string;
  /** The graph's own sync; null when this process runs without it. */
  local: SyncSurface | null;
  /** The other subgraphs' syncs, in the order lists show them. */
  remotes: readonly SyncSource[];
}

export interface SourcedRun extends SyncRun {
  subgraph: string;
  children?: SourcedRun[];
}
export interface SourcedObjectState extends ObjectState {
  subgraph: string;
}
export interface SourcedFailure extends Omit<SyncFailure, 'id'> {
  id: string;
  subgraph: string;
}
export interface SourcedConflict extends Omit<SyncConflict, 'id'> {
  id: string;
  subgraph: string;
}

/** A subgraph whose part of an answer is missing, and why. */
export interface SourceProblem {
  subgraph: string;
  code: string;
  message: string;
}

/** What the subgraphs that answered returned, and those that did not. */
export interface Gathered<T> {
  value: T;
  missing: SourceProblem[];
}

export interface PageRequest {
  limit: number;
  /** The previous page's end positions. Default: from the newest. */
  after?: Positions;
}

export interface FailureQuery extends Omit<FailureFilter, 'mapping' | 'before' | 'limit'> {
  /** An object name as the graph shows it. */
  object?: string;
}
export interface ConflictQuery extends Omit<ConflictFilter, 'mapping' | 'before' | 'limit'> {
  object?: string;
}

export interface CombinedSyncSurface {
  /** The subgraphs whose syncs this surface covers. */
  readonly subgraphs: readonly string[];
  objectStates(): Promise<Gathered<SourcedObjectState[]>>;
  /** Top-level runs, newest first. */
  runs(filter: { status?: RunStatus[] }, page: PageRequest): Promise<Gathered<MergedPage<SourcedRun>>>;
  /** A run by id, from whichever subgraph has it. */
  run(id: string): Promise<Gathered<SourcedRun | null>>;
  /** A run by id, from the subgraph named (a job's parent, children, an object's last job). */
  runOf(subgraph: string, id: string): Promise<SourcedRun | null>;
  failures(query: FailureQuery, page: PageRequest): Promise<Gathered<MergedPage<SourcedFailure>>>;
  conflicts(query: ConflictQuery, page: PageRequest): Promise<Gathered<MergedPage<SourcedConflict>>>;
  /** Objects are names as the graph shows them, or `all` (the graph's own sync's), or `<subgraph>:all`. */
  startSync(request: Omit<SyncRequest, 'objects'> & { objects: readonly string[] }): Promise<SourcedRun>;
  cancel(id: string): Promise<SourcedRun | null>;
  retryFailures(ids: readonly string[], requestedBy: string | null): Promise<SourcedRun[]>;
  skipFailures(ids: readonly string[]): Promise<SourcedFailure[]>;
  resolveConflict(id: string, keep: ConflictResolution, resolvedBy: string, edits: Readonly<Record<string, string | null>>): Promise<SourcedConflict>;
  /** The org's API usage as the first subgraph that knows it reports it (they share the org). */
  apiUsage(): Promise<SyncApiUsage | null>;
}

export function combineSyncSurfaces(options: CombinedSyncOptions): CombinedSyncSurface {
  const sources: SyncSource[] = [...(options.local ? [{ name: options.localName, surface: options.local }] : []), ...options.remotes];
  const byName = new Map(sources.map((s) => [s.name, s]));
  const local = options.local ? byName.get(options.localName)! : null;
  const shown = (subgraph: string, name: string) => (subgraph === options.localName ? name : `${subgraph}:${name}`);

  const presentRun = (subgraph: string, { children, ...run }: SyncRun & { children?: SyncRun[] }): SourcedRun => ({
    ...run,
    subgraph,
    mappings: run.mappings.map((m) => shown(subgraph, m)),
    stats: run.stats.objects ? { ...run.stats, objects: Object.fromEntries(Object.entries(run.stats.objects).map(([m, s]) => [shown(subgraph, m), s])) } : run.stats,
    ...(children ? { children: children.map((child) => presentRun(subgraph, child)) } : {}),
  });
  const presentFailure = (subgraph: string, f: SyncFailure): SourcedFailure => ({ ...f, subgraph, id: shown(subgraph, String(f.id)), mapping: shown(subgraph, f.mapping) });
  const presentConflict = (subgraph: string, c: SyncConflict): SourcedConflict => ({ ...c, subgraph, id: shown(subgraph, String(c.id)), mapping: shown(subgraph, c.mapping) });

  /** Asks every source (or those given) at once; a source that fails is named in `missing`. */
  async function gather<T>(ask: (source: SyncSource) => Promise<T>, among: readonly SyncSource[] = sources): Promise<{ answers: { source: SyncSource; value: T }[]; missing: SourceProblem[] }> {
    const settled = await Promise.allSettled(among.map(ask));
    const answers: { source: SyncSource; value: T }[] = [];
    const missing: SourceProblem[] = [];
    for (const [i, outcome] of settled.entries()) {
      const source = among[i]!;
      if (outcome.status === 'fulfilled') answers.push({ source, value: outcome.value });
      else missing.push(problemOf(source.name, outcome.reason));
    }
    return { answers, missing };
  }

  /** The source and mapping an object name shown in the graph stands for (`all` as the mapping for every one). */
  async function resolveObject(field: string, name: string): Promise<{ source: SyncSource; mapping: string }> {
    const colon = name.indexOf(':');
    if (colon > 0) {
      const source = byName.get(name.slice(0, colon));
      if (!source) throw badInput(field, name, `names no subgraph whose sync this graph reaches (${[...byName.keys()].join(', ')})`);
      return { source, mapping: name.slice(colon + 1) };
    }
    if (name.toLowerCase() === 'all') {
      if (!local) throw badInput(field, name, `the graph's own sync is not running here: name one subgraph's, e.g. ${options.remotes[0]?.name ?? 'cpq'}:all`);
      return { source: local, mapping: 'all' };
    }
    if (local && (await local.surface.objectNames()).includes(name)) return { source: local, mapping: name };
    const { answers, missing } = await gather((s) => s.surface.objectNames(), options.remotes);
    const owners = answers.filter((a) => a.value.includes(name)).map((a) => a.source);
    if (owners.length === 1) return { source: owners[0]!, mapping: name };
    if (owners.length > 1) throw badInput(field, name, `is mapped by several subgraphs: name one of ${owners.map((s) => shown(s.name, name)).join(', ')}`);
    const known = [...(local ? await local.surface.objectNames() : []), ...answers.flatMap((a) => a.value.map((m) => shown(a.source.name, m)))];
    const unreachable = missing.length ? `; not reachable now: ${missing.map((m) => m.subgraph).join(', ')}` : '';
    throw badInput(field, name, `must be one of ${known.join(', ')} or all${unreachable}`);
  }

  /** The source and record number a failure or conflict id shown in the graph stands for. */
  function resolveId(field: string, id: string): { source: SyncSource; id: number } {
    const match = /^(?:([a-z][a-z0-9_-]*):)?([1-9][0-9]{0,15})$/.exec(id);
    if (!match) throw badInput(field, id, 'must be a sync error or conflict id as the graph shows it (42, or cpq:42 for another subgraph\'s)');
    const source = byName.get(match[1] ?? options.localName);
    if (!source) throw badInput(field, id, `names no subgraph whose sync this graph reaches (${[...byName.keys()].join(', ')})`);
    return { source, id: Number(match[2]) };
  }

  function groupIds(field: string, ids: readonly string[]): Map<SyncSource, number[]> {
    const groups = new Map<SyncSource, number[]>();
    for (const [i, id] of ids.entries()) {
      const { source, id: n } = resolveId(`${field}[${i}]`, id);
      groups.set(source, [...(groups.get(source) ?? []), n]);
    }
    return groups;
  }

  async function page<T, S>(
    among: readonly SyncSource[],
    request: PageRequest,
    fetch: (source: SyncSource, position: unknown) => Promise<T[]>,
    present: (subgraph: string, row: T) => S,
    newer: (a: T, b: T) => number,
    positionOf: (row: T) => unknown,
  ): Promise<Gathered<MergedPage<S>>> {
    const { answers, missing } = await gather((source) => fetch(source, request.after?.[source.name]), among);
    const merged = mergeNewestFirst(
      answers.map((a) => ({ source: a.source.name, rows: a.value })),
      { limit: request.limit, newer, positionOf, ...(request.after ? { previous: request.after } : {}) },
    );
    return { value: { ...merged, nodes: merged.nodes.map((n) => ({ source: n.source, row: present(n.source, n.row) })) }, missing };
  }

  async function narrowed(field: string, object: string | undefined): Promise<{ among: readonly SyncSource[]; mapping?: string }> {
    if (!object) return { among: sources };
    const { source, mapping } = await resolveObject(field, object);
    return { among: [source], mapping };
  }

  return {
    subgraphs: sources.map((s) => s.name),

    async objectStates() {
      const { answers, missing } = await gather((s) => s.surface.objectStates());
      const states = answers.flatMap((a) => a.value.map((state): SourcedObjectState => ({ ...state, subgraph: a.source.name, mapping: shown(a.source.name, state.mapping) })));
      // Parents first across subgraphs; each subgraph's own order kept within a level (the sort is stable).
      return { value: states.sort((a, b) => a.level - b.level), missing };
    },

    runs(filter, request) {
      return page(
        sources,
        request,
        (source, position) => {
          const at = position as { q: string; id: string } | undefined;
          return source.surface.listRuns({ topLevel: true, limit: request.limit + 1, ...(filter.status?.length ? { status: filter.status } : {}), ...(at ? { before: { queuedAt: new Date(at.q), id: at.id } } : {}) });
        },
        presentRun,
        (a, b) => b.queuedAt.getTime() - a.queuedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
        (run) => ({ q: run.queuedAt.toISOString(), id: run.id }),
      );
    },

    async run(id) {
      const { answers, missing } = await gather((s) => s.surface.getRun(id));
      const found = answers.find((a) => a.value);
      return { value: found ? presentRun(found.source.name, found.value!) : null, missing: found ? [] : missing };
    },

    async runOf(subgraph, id) {
      const source = byName.get(subgraph);
      const run = source ? await source.surface.getRun(id) : null;
      return run ? presentRun(subgraph, run) : null;
    },

    async failures(query, request) {
      const { object, ...filter } = query;
      const { among, mapping } = await narrowed('filter.object', object);
      return page(
        among,
        request,
        (source, position) => source.surface.listFailures({ limit: request.limit + 1, ...(mapping ? { mapping } : {}), ...filter, ...(position !== undefined ? { before: position as number } : {}) }),
        presentFailure,
        (a, b) => b.firstSeenAt.getTime() - a.firstSeenAt.getTime(),
        (f) => f.id,
      );
    },

    async conflicts(query, request) {
      const { object, ...filter } = query;
      const { among, mapping } = await narrowed('filter.object', object);
      return page(
        among,
        request,
        (source, position) => source.surface.listConflicts({ limit: request.limit + 1, ...(mapping ? { mapping } : {}), ...filter, ...(position !== undefined ? { before: position as number } : {}) }),
        presentConflict,
        (a, b) => b.detectedAt.getTime() - a.detectedAt.getTime(),
        (c) => c.id,
      );
    },

    async startSync(request) {
      if (request.objects.length === 0) throw badInput('input.objects', request.objects, 'name at least one object, or `all`');
      const targets = await Promise.all(request.objects.map((name, i) => resolveObject(`input.objects[${i}]`, name)));
      const source = targets[0]!.source;
      const others = targets.filter((t) => t.source !== source);
      if (others.length > 0) {
        throw badInput('input.objects', request.objects, `names objects of several subgraphs (${[...new Set(targets.map((t) => t.source.name))].join(', ')}): start one sync per subgraph`);
      }
      const mappings = targets.map((t) => t.mapping);
      const all = mappings.includes('all');
      if (all && mappings.length > 1) throw badInput('input.objects', request.objects, '`all` stands alone');
      const direction: RunDirection | undefined = request.direction;
      const run = await source.surface.startSync({ ...request, objects: all ? 'all' : mappings, ...(direction ? { direction } : {}) });
      return presentRun(source.name, run);
    },

    async cancel(id) {
      if (local) {
        const run = await local.surface.cancel(id);
        if (run) return presentRun(local.name, run);
      }
      const { answers, missing } = await gather((s) => s.surface.cancel(id), options.remotes);
      const found = answers.find((a) => a.value);
      if (found) return presentRun(found.source.name, found.value!);
      if (missing.length) throw unavailable(missing);
      return null;
    },

    async retryFailures(ids, requestedBy) {
      const runs: SourcedRun[] = [];
      for (const [source, numbers] of groupIds('ids', ids)) runs.push(...(await source.surface.retryFailures(numbers, requestedBy)).map((run) => presentRun(source.name, run)));
      return runs;
    },

    async skipFailures(ids) {
      const skipped: SourcedFailure[] = [];
      for (const [source, numbers] of groupIds('ids', ids)) skipped.push(...(await source.surface.skipFailures(numbers)).map((f) => presentFailure(source.name, f)));
      return skipped;
    },

    async resolveConflict(id, keep, resolvedBy, edits) {
      const { source, id: n } = resolveId('id', id);
      return presentConflict(source.name, await source.surface.resolveConflict(n, keep, resolvedBy, edits));
    },

    async apiUsage() {
      for (const source of sources) {
        const usage = await source.surface.apiUsage().catch(() => null);
        if (usage) return usage;
      }
      return null;
    },
  };
}

function problemOf(subgraph: string, error: unknown): SourceProblem {
  if (error instanceof DomainError) return { subgraph, code: error.code, message: error.message };
  return { subgraph, code: 'INTERNAL_SERVER_ERROR', message: `the ${subgraph} subgraph's sync failed to answer` };
}

function unavailable(missing: SourceProblem[]): DomainError {
  return new DomainError(ErrorCode.SubgraphUnavailable, `not found where asked, and ${missing.map((m) => `${m.subgraph} did not answer (${m.message})`).join('; ')}`, { subgraphs: missing.map((m) => m.subgraph) });
}
