import { activityCode } from '../domain/activities.ts';
import type { ProcessMapResult } from '../domain/analyses/processMap.ts';

export type MapWeight = 'FREQUENCY' | 'DURATION';

export interface MapPictureOptions {
  weight: MapWeight;
  /** Edges rarer than this are left out (and activities left without edges). Default 1. */
  minFrequency?: number;
  title?: string;
}

/**
 * The process map in Graphviz's DOT language. Activities run top to bottom in lead-to-cash order: an edge forward in
 * the process pulls its target below its source, an edge back (rework, an invoice before activation) does not move
 * anything. Edges are as thick as they are frequent (or slow, for `DURATION`), labelled with both figures; activities
 * are shaded by how many cases reach them. Pure: the layout itself is Graphviz's.
 */
export function processMapDot(map: ProcessMapResult, options: MapPictureOptions): string {
  const min = options.minFrequency ?? 1;
  const edges = map.edges.filter((e) => e.frequency >= min);
  const shown = new Set(edges.flatMap((e) => [e.from, e.to]));
  for (const s of map.starts) if (s.cases >= min) shown.add(s.activity);
  for (const e of map.ends) if (e.cases >= min) shown.add(e.activity);
  const activities = map.activities.filter((a) => shown.has(a.activity));
  const maxCases = Math.max(1, ...activities.map((a) => a.cases));
  const maxFrequency = Math.max(1, ...edges.map((e) => e.frequency));
  const maxMedian = Math.max(1, ...edges.map((e) => e.duration.medianMs ?? 0));
  const id = (activity: string) => `a${activityCode(activity as never)}`;
  const lines = [
    'digraph ProcessMap {',
    `  graph [rankdir=TB, nodesep=0.5, ranksep=0.45, fontname="Helvetica", fontsize=16, labelloc=t, label=${quote(options.title ?? `Lead to cash: ${map.caseCount} cases, ${map.eventCount} events`)}, bgcolor="white", pad=0.3];`,
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=12, color="#1f4e79", penwidth=1.2, margin="0.18,0.08"];',
    '  edge [fontname="Helvetica", fontsize=10, arrowsize=0.7];',
    '  start [shape=circle, label="", width=0.25, style=filled, fillcolor="#2e7d32", color="#2e7d32"];',
    '  end [shape=doublecircle, label="", width=0.2, style=filled, fillcolor="#37474f", color="#37474f"];',
  ];
  for (const a of activities) {
    const share = a.cases / maxCases;
    lines.push(`  ${id(a.activity)} [label=${quote(`${a.activity}\n${a.cases} cases · ${a.events}×`)}, fillcolor="${blue(share)}", fontcolor="${share > 0.6 ? 'white' : 'black'}"];`);
  }
  for (const s of map.starts.filter((x) => shown.has(x.activity))) lines.push(`  start -> ${id(s.activity)} [label=${quote(String(s.cases))}, style=dashed, color="#2e7d32", fontcolor="#2e7d32"];`);
  for (const e of map.ends.filter((x) => shown.has(x.activity))) lines.push(`  ${id(e.activity)} -> end [label=${quote(String(e.cases))}, style=dashed, color="#37474f", fontcolor="#37474f"];`);
  // The layout follows frequencies in both pictures (the same process looks the same); thickness shows the weight asked.
  for (const e of edges) {
    const median = e.duration.medianMs ?? 0;
    const strength = options.weight === 'FREQUENCY' ? e.frequency / maxFrequency : median / maxMedian;
    const label = options.weight === 'FREQUENCY' ? `${e.frequency}× · ${humanDuration(median)}` : `${humanDuration(median)} · ${e.frequency}×`;
    const forward = activityCode(e.to as never) > activityCode(e.from as never);
    const color = options.weight === 'FREQUENCY' ? grey(strength) : red(strength);
    // Padded so that a thick edge does not run over its own label.
    lines.push(
      `  ${id(e.from)} -> ${id(e.to)} [label=${quote(`   ${label}`)}, penwidth=${(1 + 7 * strength).toFixed(2)}, color="${color}", fontcolor="${color}", weight=${forward ? Math.max(1, Math.round((10 * e.frequency) / maxFrequency)) : 0}${forward ? '' : ', constraint=false'}];`,
    );
  }
  lines.push('}');
  return lines.join('\n');
}

/** A duration for a label: seconds, minutes, hours or days, with one decimal where it helps. */
export function humanDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${trim(s)} s`;
  if (s < 3600) return `${trim(s / 60)} min`;
  if (s < 48 * 3600) return `${trim(s / 3600)} h`;
  return `${trim(s / 86_400)} d`;
}

function trim(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** From pale to deep blue as `share` goes from 0 to 1. */
function blue(share: number): string {
  return mix([232, 240, 250], [31, 78, 121], share);
}

function grey(share: number): string {
  return mix([150, 160, 170], [30, 40, 50], share);
}

function red(share: number): string {
  return mix([150, 160, 170], [183, 28, 28], share);
}

function mix(from: number[], to: number[], t: number): string {
  return `#${from.map((c, i) => Math.round(c + (to[i]! - c) * Math.min(1, Math.max(0, t))).toString(16).padStart(2, '0')).join('')}`;
}
