import { A, activityCode, type Activity } from './activities.ts';
import type { AttributeValue, EventAttributes } from './logEntry.ts';

/**
 * A case's trace: its events in order, as activity code, time (ms) and qualifier. This flattened view per
 * opportunity is what every analysis reads.
 */
export type TraceEntry = [code: number, at: number, qualifier: string | null];

/** What building a trace needs of an event. */
export interface TraceEvent {
  activity: Activity;
  at: number;
  qualifier: string | null;
}

/** Events in lead-to-cash order: by time, then (for one instant: one transaction) by the activity's place in the process. */
export function compareEntries(a: TraceEntry, b: TraceEntry): number {
  return a[1] - b[1] || a[0] - b[0];
}

export function toEntry(event: TraceEvent): TraceEntry {
  return [activityCode(event.activity), event.at, event.qualifier];
}

/**
 * Builds the trace from its events: ordered, and with one rule applied: moving an opportunity into a closed stage is
 * recorded by CRM as a stage change and a win (or loss) at the same instant; the trace keeps only the Closed Won or
 * Closed Lost, which takes the stage's name as its qualifier. Building from a trace plus new events gives the same as
 * building from all events (the rule is local to one instant), so traces are merged without rereading the log.
 */
export function buildTrace(entries: Iterable<TraceEntry>): TraceEntry[] {
  const sorted = [...entries].map((entry): TraceEntry => [...entry]).sort(compareEntries);
  const trace: TraceEntry[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]![1] === sorted[i]![1]) j++;
    const instant = sorted.slice(i, j);
    const closing = instant.find((entry) => entry[0] === A.ClosedWon || entry[0] === A.ClosedLost);
    for (const entry of instant) {
      if (closing && entry[0] === A.StageChanged) {
        if (closing[2] === null) closing[2] = entry[2];
        continue;
      }
      trace.push(entry);
    }
    i = j;
  }
  return trace;
}

/** Adds events to a trace (see `buildTrace`). */
export function mergeTrace(trace: readonly TraceEntry[], added: readonly TraceEntry[]): TraceEntry[] {
  return buildTrace([...trace, ...added]);
}

/** The case attributes read from its events' attributes: the latest value of each wins. */
export const FACT_NAMES = ['dealerId', 'salesRep', 'segment', 'productFamily', 'stage', 'amount', 'listAmount', 'discountPercent', 'isWon'] as const;
export type FactName = (typeof FACT_NAMES)[number];
export type Facts = Partial<Record<FactName, { v: AttributeValue; t: number }>>;

export interface FactEvent {
  at: number;
  dealerId: string | null;
  attributes: EventAttributes;
}

/**
 * Folds events into the case's facts: a value replaces the one held when its event is not older, so events may come
 * in any order (history rebuilt after the fact, a late billing event) and the result is the same.
 */
export function foldFacts(facts: Facts, events: Iterable<FactEvent>): Facts {
  const next: Facts = { ...facts };
  const sorted = [...events].sort((a, b) => a.at - b.at);
  for (const event of sorted) {
    const values: Partial<Record<FactName, AttributeValue | undefined>> = { ...pick(event.attributes), dealerId: event.dealerId ?? undefined };
    for (const name of FACT_NAMES) {
      const value = values[name];
      if (value === undefined) continue;
      const held = next[name];
      if (!held || held.t <= event.at) next[name] = { v: value, t: event.at };
    }
  }
  return next;
}

function pick(attributes: EventAttributes): Partial<Record<FactName, AttributeValue>> {
  const { salesRep, segment, productFamily, stage, amount, listAmount, discountPercent, isWon } = attributes;
  return Object.fromEntries(Object.entries({ salesRep, segment, productFamily, stage, amount, listAmount, discountPercent, isWon }).filter(([, v]) => v !== undefined));
}

export function factText(facts: Facts, name: FactName): string | null {
  const value = facts[name]?.v;
  return typeof value === 'string' ? value : null;
}

export function factBoolean(facts: Facts, name: FactName): boolean | null {
  const value = facts[name]?.v;
  return typeof value === 'boolean' ? value : null;
}

/**
 * Orders a case's events as its trace orders them and leaves out those the trace leaves out (the stage change that
 * closes an opportunity, kept as its Closed Won or Closed Lost): the events a case shows match its activities.
 */
export function inTraceOrder<T>(items: readonly T[], entryOf: (item: T) => { code: number; at: number }): T[] {
  const sorted = [...items].sort((a, b) => {
    const x = entryOf(a);
    const y = entryOf(b);
    return x.at - y.at || x.code - y.code;
  });
  const closingAt = new Set(sorted.map(entryOf).filter((e) => e.code === A.ClosedWon || e.code === A.ClosedLost).map((e) => e.at));
  return sorted.filter((item) => {
    const entry = entryOf(item);
    return !(entry.code === A.StageChanged && closingAt.has(entry.at));
  });
}

const FIELD = '\u001f';
const ENTRY = '\u001e';

/**
 * A trace as the store keeps it: compact text (`code␟ms␟qualifier␞…`), which the embedded database hands over about
 * three times faster than JSON, and which the analyses read once per pass for every case.
 */
export function encodeTrace(trace: readonly TraceEntry[]): string {
  return trace.map(([code, at, qualifier]) => `${code}${FIELD}${at}${FIELD}${qualifier === null ? '' : qualifier.replace(/[\u001e\u001f]/g, ' ')}`).join(ENTRY);
}

export function decodeTrace(text: string): TraceEntry[] {
  if (text === '') return [];
  return text.split(ENTRY).map((entry) => {
    const [code, at, qualifier] = entry.split(FIELD) as [string, string, string];
    return [Number(code), Number(at), qualifier === '' ? null : qualifier];
  });
}
