/**
 * The `run` job: several objects, parents before children. Mappings are grouped by level (a mapping's level is one
 * more than its deepest parent's); the run adds one `object` job per mapping of a level as its BullMQ children, waits
 * for them (`moveToWaitingChildren`), then starts the next level. Its next level is kept in the job's data and the
 * children have deterministic ids, so a run whose worker dies neither repeats nor loses a level. A mapping whose
 * parent failed is skipped rather than synced against missing parents.
 */
import { WaitingChildrenError, type Job } from 'bullmq';
import { childRuns, getRun, insertRun, updateRun, type RunStats, type RunStatus } from '../store/runs.ts';
import type { SyncRuntime } from './runtime.ts';
import { OBJECT_JOB, type ObjectJobData, type RunJobData } from './types.ts';

export async function processRunJob(rt: SyncRuntime, job: Job<RunJobData>, token: string | undefined): Promise<RunStats> {
  const data = job.data;
  const runId = job.id!;
  await insertRun(rt.store, { id: runId, kind: 'run', mappings: data.mappings, mode: data.mode, direction: data.direction, trigger: data.trigger, requestedBy: data.requestedBy });
  const levels = levelsOf(rt, data.mappings);
  let step = data.step ?? 0;
  const run = (await getRun(rt.store, runId))!;
  if (step === 0) {
    await updateRun(rt.store, runId, { status: 'running', phase: 'starting', started: true, total: data.mappings.length });
    rt.events.emit({ type: 'SyncJobStarted', runId, parentId: null, mappings: data.mappings, status: 'running', phase: 'starting', done: 0, total: data.mappings.length, apiCalls: 0 });
  }
  while (step < levels.length) {
    const children = await childRuns(rt.store, runId);
    const outcome = new Map(children.map((c) => [c.mappings[0]!, c.status]));
    const cancelled = (await getRun(rt.store, runId))?.cancelRequested ?? run.cancelRequested;
    const failed = new Set([...outcome].filter(([, status]) => status === 'failed' || status === 'cancelled').map(([name]) => name));
    const level = levels[step]!;
    const start = cancelled ? [] : level.filter((name) => !rt.mappings.get(name)!.parents.some((p) => failed.has(p) || skipped(children, p)));
    for (const name of level.filter((n) => !start.includes(n))) {
      await insertRun(rt.store, { id: childId(runId, name), parentId: runId, kind: 'object', mappings: [name], mode: data.mode, direction: data.direction, trigger: data.trigger, requestedBy: data.requestedBy });
      await updateRun(rt.store, childId(runId, name), { status: 'cancelled', phase: cancelled ? 'cancelled before it started' : 'skipped: a parent object failed', finished: true });
    }
    for (const name of start) {
      const childData: ObjectJobData = { mapping: name, mode: data.mode, direction: data.direction, trigger: data.trigger, requestedBy: data.requestedBy, parentRunId: runId };
      await insertRun(rt.store, { id: childId(runId, name), parentId: runId, kind: 'object', mappings: [name], mode: data.mode, direction: data.direction, trigger: data.trigger, requestedBy: data.requestedBy });
      await rt.queue.add(OBJECT_JOB, childData, {
        jobId: childId(runId, name),
        parent: { id: runId, queue: job.queueQualifiedName },
        ignoreDependencyOnFailure: true,
        attempts: rt.jobOptions.attempts,
        backoff: { type: 'exponential', delay: rt.jobOptions.backoffMs },
      });
    }
    step += 1;
    await job.updateData({ ...data, step });
    const done = children.filter((c) => c.finishedAt).length;
    await updateRun(rt.store, runId, { phase: `level ${step} of ${levels.length}: ${level.join(', ')}`, done });
    rt.events.emit({ type: 'SyncJobProgress', runId, parentId: null, mappings: data.mappings, status: 'running', phase: `level ${step} of ${levels.length}`, done, total: data.mappings.length, apiCalls: 0 });
    if (start.length && token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
  }
  return finishRun(rt, job);
}

async function finishRun(rt: SyncRuntime, job: Job<RunJobData>): Promise<RunStats> {
  const runId = job.id!;
  const children = await childRuns(rt.store, runId);
  const objects: Record<string, RunStatus | 'skipped'> = {};
  const stats: RunStats = {};
  let apiCalls = 0;
  for (const child of children) {
    objects[child.mappings[0]!] = child.phase?.startsWith('skipped') ? 'skipped' : child.status;
    apiCalls += child.apiCalls;
    for (const [key, value] of Object.entries(child.stats)) if (typeof value === 'number') stats[key] = ((stats[key] as number | undefined) ?? 0) + value;
  }
  stats.objects = objects;
  const run = await getRun(rt.store, runId);
  const statuses = Object.values(objects);
  const status: RunStatus = run?.cancelRequested ? 'cancelled' : statuses.some((s) => s === 'failed' || s === 'skipped') ? 'failed' : 'completed';
  const failedNames = Object.entries(objects).filter(([, s]) => s === 'failed' || s === 'skipped').map(([n]) => n);
  const error = status === 'failed' ? { errorCode: 'OBJECTS_FAILED', message: `not synced: ${failedNames.join(', ')}`, retryable: true } : null;
  await updateRun(rt.store, runId, { status, phase: status === 'completed' ? 'done' : status, done: children.length, apiCalls, stats, error, finished: true });
  const type = status === 'completed' ? 'SyncJobCompleted' : status === 'cancelled' ? 'SyncJobCancelled' : 'SyncJobFailed';
  rt.events.emit({ type, runId, parentId: null, mappings: job.data.mappings, status, phase: status, done: children.length, total: job.data.mappings.length, apiCalls, stats, error });
  const seconds = run?.startedAt ? (Date.now() - run.startedAt.getTime()) / 1000 : 0;
  rt.events.metrics.jobFinished?.({ kind: 'run', mode: job.data.mode, direction: job.data.direction, status, mapping: 'all' }, seconds);
  return stats;
}

/** The mappings of a run grouped by level, parents first. */
export function levelsOf(rt: Pick<SyncRuntime, 'mappings'>, names: readonly string[]): string[][] {
  const levels: string[][] = [];
  for (const name of names) {
    const mapping = rt.mappings.get(name);
    if (!mapping) continue;
    (levels[mapping.level] ??= []).push(name);
  }
  return levels.filter((level) => level && level.length > 0).map((level) => level.sort());
}

/** The child job of a run for one mapping (deterministic: a restarted run does not add it twice). */
export function childId(runId: string, mapping: string): string {
  return `${runId}.${mapping}`;
}

function skipped(children: readonly { mappings: string[]; phase: string | null; status: RunStatus }[], name: string): boolean {
  return children.some((c) => c.mappings[0] === name && c.status === 'cancelled');
}
