import { activityName, STEPS, type Activity } from '../activities.ts';
import type { Analysis, CaseView } from '../analysis.ts';
import { DurationGroups, type DurationSummary } from '../durations.ts';
import type { TraceEntry } from '../trace.ts';
import { edgeKey } from './processMap.ts';

export interface Transition {
  from: Activity;
  to: Activity;
  frequency: number;
  duration: DurationSummary;
  /** Of the time spent on this transition, how much was working time (a step in progress) and how much waiting. */
  workingMs: number;
  waitingMs: number;
}

export interface BottlenecksResult {
  caseCount: number;
  /** The slowest transitions first (by mean duration). */
  transitions: Transition[];
  /** How long each step takes from its start to its completion. */
  steps: { step: string; duration: DurationSummary }[];
  /** All time between events of all cases, split into working and waiting time. */
  workingMs: number;
  waitingMs: number;
}

/**
 * Bottlenecks: where cases spend their time. Every transition between two consecutive events is working time while a
 * step (lead qualification, quote approval, order processing: see `STEPS`) is in progress, from its start event to its
 * completion, and waiting time otherwise (a hand-over, or the customer's turn).
 */
export function bottlenecksAnalysis(options: { first: number }): Analysis<BottlenecksResult> {
  const durations = new DurationGroups<string>();
  const transitions = new Map<string, { frequency: number; workingMs: number; waitingMs: number }>();
  let caseCount = 0;
  let workingMs = 0;
  let waitingMs = 0;
  return {
    visit(c: CaseView, pass: number) {
      if (c.trace.length === 0) return;
      if (pass === 0) caseCount++;
      walk(c.trace, {
        transition(from, to, ms, working) {
          const key = edgeKey(from, to);
          if (pass > 0) return durations.refine(key, ms);
          durations.add(key, ms);
          const t = transitions.get(key) ?? { frequency: 0, workingMs: 0, waitingMs: 0 };
          t.frequency++;
          if (working) {
            t.workingMs += ms;
            workingMs += ms;
          } else {
            t.waitingMs += ms;
            waitingMs += ms;
          }
          transitions.set(key, t);
        },
        step(step, ms) {
          if (pass > 0) durations.refine(`step\n${step}`, ms);
          else durations.add(`step\n${step}`, ms);
        },
      });
    },
    needsPass: () => durations.planNextPass(),
    result() {
      return {
        caseCount,
        transitions: [...transitions.entries()]
          .map(([key, t]) => {
            const [from, to] = key.split('>').map(Number) as [number, number];
            return { from: activityName(from), to: activityName(to), frequency: t.frequency, duration: durations.summary(key), workingMs: t.workingMs, waitingMs: t.waitingMs };
          })
          .sort((a, b) => (b.duration.meanMs ?? 0) - (a.duration.meanMs ?? 0) || b.frequency - a.frequency)
          .slice(0, options.first),
        steps: STEPS.filter((step) => durations.has(`step\n${step.name}`)).map((step) => ({ step: step.name, duration: durations.summary(`step\n${step.name}`) })),
        workingMs,
        waitingMs,
      };
    },
  };
}

interface Walker {
  transition(from: number, to: number, ms: number, working: boolean): void;
  step(step: string, ms: number): void;
}

/** Walks a trace's transitions, telling working from waiting time, and the duration of each completed step. */
export function walk(trace: readonly TraceEntry[], walker: Walker): void {
  const open = new Map<string, number>();
  for (let i = 0; i < trace.length; i++) {
    const [code, at] = trace[i]!;
    if (i > 0) walker.transition(trace[i - 1]![0], code, at - trace[i - 1]![1], open.size > 0);
    for (const step of STEPS) {
      const started = open.get(step.name);
      if (started !== undefined && step.completions.includes(code)) {
        walker.step(step.name, at - started);
        open.delete(step.name);
      }
      // A step started again before it completed restarts (a resubmitted quote's approval starts anew).
      if (code === step.start) open.set(step.name, at);
    }
  }
}
