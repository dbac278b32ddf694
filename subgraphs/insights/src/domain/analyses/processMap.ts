import { activityName, type Activity } from '../activities.ts';
import type { Analysis, CaseView } from '../analysis.ts';
import { DurationGroups, type DurationSummary } from '../durations.ts';

export interface ActivityFrequency {
  activity: Activity;
  /** How often it happened. */
  events: number;
  /** In how many cases. */
  cases: number;
}

export interface EdgeResult {
  from: Activity;
  to: Activity;
  /** How often `to` directly followed `from`. */
  frequency: number;
  /** In how many cases it did at least once. */
  cases: number;
  /** Time from `from` to `to`. */
  duration: DurationSummary;
}

export interface ProcessMapResult {
  caseCount: number;
  eventCount: number;
  /** In lead-to-cash order. */
  activities: ActivityFrequency[];
  /** By frequency, most frequent first. */
  edges: EdgeResult[];
  /** The activities cases start with, and end with (so far), with how many cases. */
  starts: { activity: Activity; cases: number }[];
  ends: { activity: Activity; cases: number }[];
}

/**
 * The directly-follows graph: which activity follows which, how often, and how long it took (mean, median, p90 of
 * the time between the two events). Linear in the log; memory grows with the number of distinct edges only.
 */
export function processMapAnalysis(): Analysis<ProcessMapResult> {
  const durations = new DurationGroups<string>();
  const edges = new Map<string, { frequency: number; cases: number }>();
  const activities = new Map<number, { events: number; cases: number }>();
  const starts = new Map<number, number>();
  const ends = new Map<number, number>();
  let caseCount = 0;
  let eventCount = 0;
  return {
    visit(c: CaseView, pass: number) {
      const trace = c.trace;
      if (trace.length === 0) return;
      if (pass > 0) {
        for (let i = 1; i < trace.length; i++) {
          const key = edgeKey(trace[i - 1]![0], trace[i]![0]);
          if (durations.wants(key)) durations.refine(key, trace[i]![1] - trace[i - 1]![1]);
        }
        return;
      }
      caseCount++;
      eventCount += trace.length;
      bump(starts, trace[0]![0]);
      bump(ends, trace.at(-1)![0]);
      const seenActivities = new Set<number>();
      const seenEdges = new Set<string>();
      for (let i = 0; i < trace.length; i++) {
        const [code, at] = trace[i]!;
        const activity = activities.get(code) ?? { events: 0, cases: 0 };
        activity.events++;
        if (!seenActivities.has(code)) {
          seenActivities.add(code);
          activity.cases++;
        }
        activities.set(code, activity);
        if (i === 0) continue;
        const key = edgeKey(trace[i - 1]![0], code);
        const edge = edges.get(key) ?? { frequency: 0, cases: 0 };
        edge.frequency++;
        if (!seenEdges.has(key)) {
          seenEdges.add(key);
          edge.cases++;
        }
        edges.set(key, edge);
        durations.add(key, at - trace[i - 1]![1]);
      }
    },
    needsPass: () => durations.planNextPass(),
    result() {
      return {
        caseCount,
        eventCount,
        activities: [...activities.entries()].sort(([a], [b]) => a - b).map(([code, counts]) => ({ activity: activityName(code), ...counts })),
        edges: [...edges.entries()]
          .map(([key, counts]) => {
            const [from, to] = key.split('>').map(Number) as [number, number];
            return { from: activityName(from), to: activityName(to), ...counts, duration: durations.summary(key) };
          })
          .sort((a, b) => b.frequency - a.frequency || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
        starts: counted(starts),
        ends: counted(ends),
      };
    },
  };
}

export function edgeKey(from: number, to: number): string {
  return `${from}>${to}`;
}

function bump(map: Map<number, number>, code: number): void {
  map.set(code, (map.get(code) ?? 0) + 1);
}

function counted(map: Map<number, number>): { activity: Activity; cases: number }[] {
  return [...map.entries()].sort(([a, x], [b, y]) => y - x || a - b).map(([code, cases]) => ({ activity: activityName(code), cases }));
}
