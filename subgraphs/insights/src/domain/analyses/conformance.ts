import type { Analysis, CaseView } from '../analysis.ts';
import { CONFORMANCE_RULES, violationsOf, type ConformanceRule, type ConformanceSettings, type Violation } from './conformanceRules.ts';

export interface RuleViolationsResult {
  rule: ConformanceRule;
  description: string;
  /** Cases that break the rule. */
  caseCount: number;
  /** The first `limit` of them, earliest violation first. */
  cases: { caseId: string; at: number; detail: string }[];
}

export interface ConformanceResult {
  casesChecked: number;
  conformingCases: number;
  /** Share of cases that break no rule, 0..1 (null when no case was checked). */
  conformance: number | null;
  /** Whether skipped stages were checked (they need CRM's stage order). */
  stagesChecked: boolean;
  rules: RuleViolationsResult[];
}

/** Conformance: which cases break which rule, with the cases named. Keeps at most `limit` cases per rule. */
export function conformanceAnalysis(settings: ConformanceSettings, options: { limit: number }): Analysis<ConformanceResult> {
  const rules = new Map<ConformanceRule, { caseCount: number; cases: { caseId: string; at: number; detail: string }[] }>(
    (Object.keys(CONFORMANCE_RULES) as ConformanceRule[]).map((rule) => [rule, { caseCount: 0, cases: [] }]),
  );
  let checked = 0;
  let conforming = 0;
  return {
    visit(c: CaseView, pass: number) {
      if (pass > 0 || c.kind !== 'OPPORTUNITY' || c.trace.length === 0) return;
      checked++;
      const violations = violationsOf(c, settings);
      if (violations.length === 0) conforming++;
      const firstPerRule = new Map<ConformanceRule, Violation>();
      for (const violation of violations) if (!firstPerRule.has(violation.rule)) firstPerRule.set(violation.rule, violation);
      for (const [rule, violation] of firstPerRule) {
        const entry = rules.get(rule)!;
        entry.caseCount++;
        keepEarliest(entry.cases, { caseId: c.caseId, at: violation.at, detail: violation.detail }, options.limit);
      }
    },
    needsPass: () => false,
    result() {
      return {
        casesChecked: checked,
        conformingCases: conforming,
        conformance: checked === 0 ? null : conforming / checked,
        stagesChecked: settings.openStages !== null,
        rules: [...rules.entries()].map(([rule, entry]) => ({ rule, description: CONFORMANCE_RULES[rule], caseCount: entry.caseCount, cases: entry.cases })),
      };
    },
  };
}

/** Inserts into a list kept sorted by time (then case id) and at most `limit` long. */
function keepEarliest(list: { caseId: string; at: number; detail: string }[], item: { caseId: string; at: number; detail: string }, limit: number): void {
  if (limit <= 0) return;
  const before = (a: typeof item, b: typeof item) => a.at < b.at || (a.at === b.at && a.caseId < b.caseId);
  if (list.length >= limit && !before(item, list.at(-1)!)) return;
  let i = list.length;
  while (i > 0 && before(item, list[i - 1]!)) i--;
  list.splice(i, 0, item);
  if (list.length > limit) list.pop();
}
