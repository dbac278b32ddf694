import { activityName, type Activity } from '../activities.ts';
import type { Analysis, CaseView } from '../analysis.ts';

export interface Variant {
  activities: Activity[];
  cases: number;
  /** Share of all cases, 0..1. */
  share: number;
  /** Mean time from the first to the last event of its cases, ms. */
  meanDurationMs: number;
}

export interface VariantsResult {
  caseCount: number;
  variantCount: number;
  /** The most frequent first (ties: the shorter, then lead-to-cash order). */
  variants: Variant[];
}

/** Variants: cases grouped by their exact sequence of activities. */
export function variantsAnalysis(options: { first: number }): Analysis<VariantsResult> {
  const variants = new Map<string, { cases: number; totalMs: number }>();
  let caseCount = 0;
  return {
    visit(c: CaseView, pass: number) {
      if (pass > 0 || c.trace.length === 0) return;
      caseCount++;
      const key = c.trace.map((entry) => entry[0]).join(',');
      const variant = variants.get(key) ?? { cases: 0, totalMs: 0 };
      variant.cases++;
      variant.totalMs += c.trace.at(-1)![1] - c.trace[0]![1];
      variants.set(key, variant);
    },
    needsPass: () => false,
    result() {
      const sorted = [...variants.entries()].sort(([ka, a], [kb, b]) => b.cases - a.cases || ka.split(',').length - kb.split(',').length || compareCodes(ka, kb));
      return {
        caseCount,
        variantCount: variants.size,
        variants: sorted.slice(0, options.first).map(([key, v]) => ({
          activities: key.split(',').map((code) => activityName(Number(code))),
          cases: v.cases,
          share: caseCount === 0 ? 0 : v.cases / caseCount,
          meanDurationMs: v.totalMs / v.cases,
        })),
      };
    },
  };
}

function compareCodes(a: string, b: string): number {
  const x = a.split(',').map(Number);
  const y = b.split(',').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
