import type { Queryable } from '@l2c/shared';
import { planSubmission, type PlannedApproval, type PriorApproval } from '../domain/approvalFlow.ts';
import { requiredApprovals, type ApprovalRuleSpec, type ChainEntry, type GroupSpec, type QuoteFacts } from '../domain/approvalRules.ts';
import { allRules, approvalsByQuoteIds, conditionsByRuleIds, entriesByChainIds, groupsByIds, membersByGroupIds } from '../store/approvals.ts';
import { linesByQuoteIds } from '../store/quotes.ts';
import type { QuoteLineRow, QuoteRow } from '../store/rows.ts';
import { readQuote, type CommandContext } from './context.ts';

export interface ApprovalPreviewStepResult {
  level: number;
  rule_id: string;
  approver_id: string | null;
  group_id: string | null;
  reasons: string[];
  carried_over: boolean;
}

export interface ApprovalPreviewResult {
  quote: QuoteRow;
  required: boolean;
  steps: ApprovalPreviewStepResult[];
}

/**
 * Every approval the quote would need if it were submitted now — the same plan submission makes, smart approvals
 * included — so a seller knows before submitting who will be asked and why. Reads only.
 */
export async function previewApprovals(ctx: CommandContext, quoteId: string): Promise<ApprovalPreviewResult> {
  const quote = await readQuote(ctx.store, ctx, quoteId);
  const plan = await planFor(ctx.store, quote);
  return {
    quote,
    required: plan.some((step) => !step.carried),
    steps: plan.map((step) => ({ level: step.level, rule_id: step.ruleId, approver_id: step.approverId, group_id: step.groupId, reasons: step.reasons, carried_over: step.carried !== null })),
  };
}

/** The approvals a submission of the quote would have now, from the active rules and the latest submission. */
export async function planFor(db: Queryable, quote: QuoteRow): Promise<PlannedApproval[]> {
  const [rules, lines, history] = await Promise.all([activeRuleSpecs(db), linesByQuoteIds(db, [quote.id]), approvalsByQuoteIds(db, [quote.id])]);
  const prior: PriorApproval[] = history
    .filter((a) => a.submission === quote.submission)
    .map((a) => ({ ruleId: a.rule_id, level: a.level, approverId: a.approver_id, groupId: a.group_id, status: a.status, inputs: a.inputs, decidedBy: a.decided_by }));
  const smart = new Set(rules.filter((r) => r.smartApproval).map((r) => r.id));
  return planSubmission(requiredApprovals(rules, quoteFacts(quote, lines)), prior, smart);
}

/** What approval rules look at, from the quote and its lines. */
export function quoteFacts(quote: QuoteRow, lines: readonly QuoteLineRow[]): QuoteFacts {
  return {
    customerDiscountPercent: quote.customer_discount_percent,
    netAmount: quote.net_amount,
    listAmount: quote.list_amount,
    discountAmount: quote.discount_amount,
    lines: lines.map((line) => ({
      productCode: line.product_code,
      productName: line.product_name,
      family: line.family,
      category: line.category,
      quantity: line.quantity,
      discountPercent: line.total_discount_percent,
      netTotal: line.net_total,
    })),
  };
}

/** The active rules with their conditions, groups and chains, in five statements whatever their number. */
export async function activeRuleSpecs(db: Queryable): Promise<ApprovalRuleSpec[]> {
  const rules = await allRules(db, true);
  if (rules.length === 0) return [];
  const chainIds = rules.flatMap((r) => (r.chain_id ? [r.chain_id] : []));
  const [conditions, entries] = await Promise.all([conditionsByRuleIds(db, rules.map((r) => r.id)), entriesByChainIds(db, chainIds)]);
  const groupIds = [...new Set([...rules.flatMap((r) => (r.group_id ? [r.group_id] : [])), ...entries.flatMap((e) => (e.group_id ? [e.group_id] : []))])];
  const [groups, members] = await Promise.all([groupsByIds(db, groupIds), membersByGroupIds(db, groupIds)]);
  const groupSpec = (id: string): GroupSpec => ({
    id,
    requireAll: groups.find((g) => g.id === id)?.require_all ?? false,
    memberIds: members.filter((m) => m.group_id === id).map((m) => m.approver_id),
  });
  return rules.map((rule): ApprovalRuleSpec => ({
    id: rule.id,
    name: rule.name,
    level: rule.level,
    conditionsMet: rule.conditions_met,
    conditions: conditions.filter((c) => c.rule_id === rule.id).map((c) => ({ field: c.field, operator: c.operator, value: c.value })),
    smartApproval: rule.smart_approval,
    target: rule.approver_id
      ? { kind: 'APPROVER', approverId: rule.approver_id }
      : rule.group_id
        ? { kind: 'GROUP', group: groupSpec(rule.group_id) }
        : {
            kind: 'CHAIN',
            chainId: rule.chain_id!,
            entries: entries
              .filter((e) => e.chain_id === rule.chain_id)
              .map((e): ChainEntry => ({ level: e.level, approverId: e.approver_id, group: e.group_id ? groupSpec(e.group_id) : null })),
          },
  }));
}
