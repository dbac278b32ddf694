import { badInput } from '@l2c/shared';
import { compareDecimals, parseScaled } from './money.ts';

/**
 * Advanced approvals, as rules over data (Salesforce Advanced Approvals' sbaa__ApprovalRule__c and its conditions):
 * a rule applies to a quote when its conditions hold (all of them, or any), and then names who must approve — one
 * approver, a group (any one member, or every member), or a chain of levels. Levels run in sequence; everyone within a
 * level is asked at once. This file decides which approvals a quote needs and why, without I/O.
 */

export type ApprovalField =
  | 'QUOTE_CUSTOMER_DISCOUNT_PERCENT'
  | 'QUOTE_NET_AMOUNT'
  | 'QUOTE_LIST_AMOUNT'
  | 'QUOTE_DISCOUNT_AMOUNT'
  | 'LINE_DISCOUNT_PERCENT'
  | 'LINE_NET_TOTAL'
  | 'LINE_QUANTITY'
  | 'LINE_PRODUCT_FAMILY'
  | 'LINE_PRODUCT_CATEGORY'
  | 'LINE_PRODUCT_CODE';

export type ConditionOperator = 'EQUALS' | 'NOT_EQUALS' | 'LESS_THAN' | 'LESS_OR_EQUAL' | 'GREATER_THAN' | 'GREATER_OR_EQUAL';

export interface ApprovalCondition {
  field: ApprovalField;
  operator: ConditionOperator;
  value: string;
}

/** A group of approvers: any one member decides, or (`requireAll`) every member must approve. */
export interface GroupSpec {
  id: string;
  requireAll: boolean;
  memberIds: readonly string[];
}

/** One entry of a chain: at `level`, an approver or a group. Entries sharing a level are asked in parallel. */
export interface ChainEntry {
  level: number;
  approverId: string | null;
  group: GroupSpec | null;
}

export type ApprovalTarget =
  | { kind: 'APPROVER'; approverId: string }
  | { kind: 'GROUP'; group: GroupSpec }
  | { kind: 'CHAIN'; chainId: string; entries: readonly ChainEntry[] };

export interface ApprovalRuleSpec {
  id: string;
  name: string;
  /** The level a single approver or group is asked at; a chain brings its own levels. */
  level: number;
  conditionsMet: 'ALL' | 'ANY';
  conditions: readonly ApprovalCondition[];
  target: ApprovalTarget;
  /** Whether an approval already given can be carried to a resubmission whose inputs did not change. */
  smartApproval: boolean;
}

/** What the rules look at: the quote's totals and its lines. Amounts and percentages are exact decimal text. */
export interface QuoteFacts {
  customerDiscountPercent: string;
  netAmount: string;
  listAmount: string;
  discountAmount: string;
  lines: readonly LineFacts[];
}

export interface LineFacts {
  productCode: string;
  productName: string;
  family: string | null;
  category: string;
  quantity: number;
  /** The line's total discount off list, in percent. */
  discountPercent: string;
  netTotal: string;
}

/**
 * The values a rule's conditions looked at, condition by condition: a quote field's value, or for a line field the
 * lines that satisfied it with their values. Smart approvals compare these between submissions.
 */
export type ConditionInputs = Record<string, unknown>;

/** One approval a quote needs: from which rule, at which level, from whom, and why. */
export interface RequiredApproval {
  ruleId: string;
  ruleName: string;
  level: number;
  /** The approver asked; null when any member of `groupId` may decide. */
  approverId: string | null;
  /** The group the approval comes through, when it does. */
  groupId: string | null;
  reasons: string[];
  inputs: ConditionInputs;
}

const NUMERIC_FIELDS = new Set<ApprovalField>(['QUOTE_CUSTOMER_DISCOUNT_PERCENT', 'QUOTE_NET_AMOUNT', 'QUOTE_LIST_AMOUNT', 'QUOTE_DISCOUNT_AMOUNT', 'LINE_DISCOUNT_PERCENT', 'LINE_NET_TOTAL', 'LINE_QUANTITY']);
const PRODUCT_CATEGORIES = ['VEHICLE', 'SPARE_PART', 'ACCESSORY', 'SERVICE'];

const LABELS: Record<ApprovalField, { label: string; unit: string }> = {
  QUOTE_CUSTOMER_DISCOUNT_PERCENT: { label: 'quote discount', unit: ' %' },
  QUOTE_NET_AMOUNT: { label: 'quote net amount', unit: '' },
  QUOTE_LIST_AMOUNT: { label: 'quote list amount', unit: '' },
  QUOTE_DISCOUNT_AMOUNT: { label: 'quote discount amount', unit: '' },
  LINE_DISCOUNT_PERCENT: { label: 'discount', unit: ' %' },
  LINE_NET_TOTAL: { label: 'net total', unit: '' },
  LINE_QUANTITY: { label: 'quantity', unit: '' },
  LINE_PRODUCT_FAMILY: { label: 'product family', unit: '' },
  LINE_PRODUCT_CATEGORY: { label: 'product category', unit: '' },
  LINE_PRODUCT_CODE: { label: 'product code', unit: '' },
};

const OPERATOR_WORDS: Record<ConditionOperator, string> = {
  EQUALS: 'is',
  NOT_EQUALS: 'is not',
  LESS_THAN: 'is less than',
  LESS_OR_EQUAL: 'is at most',
  GREATER_THAN: 'is greater than',
  GREATER_OR_EQUAL: 'is at least',
};

/**
 * Every approval the quote needs under the active rules, ordered by level, then rule name, then who is asked. The
 * same function serves the preview and the submission, so the preview never promises what submission does not do.
 */
export function requiredApprovals(rules: readonly ApprovalRuleSpec[], quote: QuoteFacts): RequiredApproval[] {
  const required: RequiredApproval[] = [];
  for (const rule of rules) {
    const results = rule.conditions.map((condition) => evaluateCondition(condition, quote));
    const applies = rule.conditionsMet === 'ALL' ? results.every((r) => r.met) : results.some((r) => r.met);
    if (!applies || results.length === 0) continue;
    const reasons = results.filter((r) => r.met).map((r) => r.reason);
    const inputs: ConditionInputs = Object.fromEntries(results.map((r, i) => [`${i}:${rule.conditions[i]!.field}`, r.input]));
    for (const assignment of assignmentsOf(rule)) required.push({ ruleId: rule.id, ruleName: rule.name, ...assignment, reasons, inputs });
  }
  return required.sort(
    (a, b) => a.level - b.level || a.ruleName.localeCompare(b.ruleName) || (a.approverId ?? a.groupId ?? '').localeCompare(b.approverId ?? b.groupId ?? ''),
  );
}

/** Whether a condition holds for the quote, what it looked at, and the reason in words when it holds. */
export function evaluateCondition(condition: ApprovalCondition, quote: QuoteFacts): { met: boolean; input: unknown; reason: string } {
  const { label, unit } = LABELS[condition.field];
  const expected = `${condition.value}${unit}`;
  if (condition.field.startsWith('QUOTE_')) {
    const value = quoteValue(condition.field, quote);
    return { met: holds(condition, value), input: value, reason: `${label} ${value}${unit} ${OPERATOR_WORDS[condition.operator]} ${expected}` };
  }
  const matching = quote.lines.filter((line) => holds(condition, lineValue(condition.field, line)));
  const reason = matching
    .map((line) => `line ${line.productCode} (${line.productName}): ${label} ${lineValue(condition.field, line)}${unit} ${OPERATOR_WORDS[condition.operator]} ${expected}`)
    .join('; ');
  return { met: matching.length > 0, input: matching.map((line) => [line.productCode, lineValue(condition.field, line)]), reason };
}

/** Checks a condition as an admin writes it: numbers for numeric fields, only (in)equality for text fields. */
export function checkCondition(condition: ApprovalCondition, field: string): ApprovalCondition {
  const value = condition.value.trim();
  if (NUMERIC_FIELDS.has(condition.field)) {
    if (parseScaled(value, 6) === null) throw badInput(`${field}.value`, condition.value, `must be a number for ${condition.field}, e.g. "10" or "100000.00"`);
  } else {
    if (condition.operator !== 'EQUALS' && condition.operator !== 'NOT_EQUALS') {
      throw badInput(`${field}.operator`, condition.operator, `${condition.field} is text: use EQUALS or NOT_EQUALS`);
    }
    if (value === '') throw badInput(`${field}.value`, condition.value, 'must not be empty');
    if (condition.field === 'LINE_PRODUCT_CATEGORY' && !PRODUCT_CATEGORIES.includes(value.toUpperCase())) {
      throw badInput(`${field}.value`, condition.value, `must be one of ${PRODUCT_CATEGORIES.join(', ')}`);
    }
  }
  return { ...condition, value };
}

/** A rule's condition in words, as the preview and the rule list show it. */
export function describeCondition(condition: ApprovalCondition): string {
  const { label, unit } = LABELS[condition.field];
  const scope = condition.field.startsWith('LINE_') ? 'any line’s ' : '';
  return `${scope}${label} ${OPERATOR_WORDS[condition.operator]} ${condition.value}${unit}`;
}

/** Who the rule asks, level by level; a group asking every member becomes one approval per member. */
function assignmentsOf(rule: ApprovalRuleSpec): { level: number; approverId: string | null; groupId: string | null }[] {
  const { target } = rule;
  if (target.kind === 'APPROVER') return [{ level: rule.level, approverId: target.approverId, groupId: null }];
  if (target.kind === 'GROUP') return assign(rule.level, null, target.group);
  return target.entries.flatMap((entry) => assign(entry.level, entry.approverId, entry.group));
}

function assign(level: number, approverId: string | null, group: GroupSpec | null): { level: number; approverId: string | null; groupId: string | null }[] {
  if (!group) return approverId ? [{ level, approverId, groupId: null }] : [];
  if (!group.requireAll) return [{ level, approverId: null, groupId: group.id }];
  return group.memberIds.map((member) => ({ level, approverId: member, groupId: group.id }));
}

function quoteValue(field: ApprovalField, quote: QuoteFacts): string {
  switch (field) {
    case 'QUOTE_CUSTOMER_DISCOUNT_PERCENT':
      return quote.customerDiscountPercent;
    case 'QUOTE_NET_AMOUNT':
      return quote.netAmount;
    case 'QUOTE_LIST_AMOUNT':
      return quote.listAmount;
    default:
      return quote.discountAmount;
  }
}

function lineValue(field: ApprovalField, line: LineFacts): string {
  switch (field) {
    case 'LINE_DISCOUNT_PERCENT':
      return line.discountPercent;
    case 'LINE_NET_TOTAL':
      return line.netTotal;
    case 'LINE_QUANTITY':
      return String(line.quantity);
    case 'LINE_PRODUCT_FAMILY':
      return line.family ?? '';
    case 'LINE_PRODUCT_CATEGORY':
      return line.category;
    default:
      return line.productCode;
  }
}

function holds(condition: ApprovalCondition, value: string): boolean {
  if (!NUMERIC_FIELDS.has(condition.field)) {
    const same = value.toLowerCase() === condition.value.toLowerCase();
    return condition.operator === 'EQUALS' ? same : !same;
  }
  const order = compareDecimals(value, condition.value);
  if (order === null) return false;
  switch (condition.operator) {
    case 'EQUALS':
      return order === 0;
    case 'NOT_EQUALS':
      return order !== 0;
    case 'LESS_THAN':
      return order < 0;
    case 'LESS_OR_EQUAL':
      return order <= 0;
    case 'GREATER_THAN':
      return order > 0;
    default:
      return order >= 0;
  }
}
