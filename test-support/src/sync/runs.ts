/** Test support: waiting for a sync run to end. */
import type { SyncEngine, SyncRun } from '@l2c/shared';

const ENDED = new Set(['completed', 'failed', 'cancelled']);

/** `true` once a run can change no more. */
export function runEnded(run: SyncRun): boolean {
  return ENDED.has(run.status);
}

/** Polls `engine` until run `runId` has ended, and returns it; fails after `timeoutMs` (default 60 s). */
export async function runFinished(engine: SyncEngine, runId: string, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<SyncRun> {
  const { timeoutMs = 60_000, pollMs = 25 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await engine.getRun(runId);
    if (run && runEnded(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} not finished: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
