import { describe, expect, it } from 'vitest';
import { advance, capacityOf, delegationCovers, planSubmission, type ApproverFacts, type PriorApproval } from './approvalFlow.ts';
import { checkCondition, describeCondition, requiredApprovals, type ApprovalRuleSpec, type QuoteFacts } from './approvalRules.ts';

const quote = (overrides: Partial<QuoteFacts> = {}): QuoteFacts => ({
  customerDiscountPercent: '12.50',
  netAmount: '87490.00',
  listAmount: '99990.00',
  discountAmount: '12500.00',
  lines: [
    { productCode: 'V-ARC-GT', productName: 'Arco GT', family: 'Arco', category: 'VEHICLE', quantity: 1, discountPercent: '15.00', netTotal: '66725.00' },
    { productCode: 'A-MAT-AW', productName: 'All-weather floor mats', family: 'Floor mats', category: 'ACCESSORY', quantity: 1, discountPercent: '0.00', netTotal: '119.00' },
  ],
  ...overrides,
});

const discountRule: ApprovalRuleSpec = {
  id: 'r-discount',
  name: 'Discount over 10 %',
  level: 1,
  conditionsMet: 'ALL',
  conditions: [{ field: 'QUOTE_CUSTOMER_DISCOUNT_PERCENT', operator: 'GREATER_THAN', value: '10' }],
  target: { kind: 'APPROVER', approverId: 'manager' },
  smartApproval: true,
};
const bigDeal: ApprovalRuleSpec = {
  id: 'r-big',
  name: 'Net total over 100,000',
  level: 2,
  conditionsMet: 'ALL',
  conditions: [{ field: 'QUOTE_NET_AMOUNT', operator: 'GREATER_THAN', value: '100000' }],
  target: { kind: 'GROUP', group: { id: 'finance', requireAll: false, memberIds: ['cfo', 'controller'] } },
  smartApproval: true,
};
const performance: ApprovalRuleSpec = {
  id: 'r-arco',
  name: 'Performance cars',
  level: 1,
  conditionsMet: 'ANY',
  conditions: [
    { field: 'LINE_PRODUCT_FAMILY', operator: 'EQUALS', value: 'arco' },
    { field: 'LINE_DISCOUNT_PERCENT', operator: 'GREATER_OR_EQUAL', value: '30' },
  ],
  target: {
    kind: 'CHAIN',
    chainId: 'c-product',
    entries: [
      { level: 1, approverId: 'product-manager', group: null },
      { level: 1, approverId: null, group: { id: 'legal', requireAll: true, memberIds: ['lawyer-a', 'lawyer-b'] } },
      { level: 2, approverId: 'director', group: null },
    ],
  },
  smartApproval: true,
};

describe('which approvals a quote needs', () => {
  it('lists every approval by level with the reasons in words; a group of all members asks each member', () => {
    const required = requiredApprovals([bigDeal, discountRule, performance], quote());
    expect(required.map((r) => [r.level, r.ruleName, r.approverId ?? `group ${r.groupId}`])).toEqual([
      [1, 'Discount over 10 %', 'manager'],
      [1, 'Performance cars', 'lawyer-a'],
      [1, 'Performance cars', 'lawyer-b'],
      [1, 'Performance cars', 'product-manager'],
      [2, 'Performance cars', 'director'],
    ]);
    expect(required[0]!.reasons).toEqual(['quote discount 12.50 % is greater than 10 %']);
    expect(required[1]!.reasons).toEqual(['line V-ARC-GT (Arco GT): product family Arco is arco']);
  });

  it('asks a group as a whole when any member may decide', () => {
    const required = requiredApprovals([bigDeal], quote({ netAmount: '100000.01' }));
    expect(required).toMatchObject([{ level: 2, approverId: null, groupId: 'finance', reasons: ['quote net amount 100000.01 is greater than 100000'] }]);
    expect(requiredApprovals([bigDeal], quote({ netAmount: '100000.00' }))).toEqual([]);
  });

  it('needs every condition of an ALL rule and one of an ANY rule', () => {
    const both: ApprovalRuleSpec = { ...performance, id: 'r-both', conditionsMet: 'ALL' };
    expect(requiredApprovals([both], quote())).toEqual([]);
    expect(requiredApprovals([performance], quote({ lines: [] }))).toEqual([]);
  });

  it('checks conditions as admins write them and says them in words', () => {
    expect(() => checkCondition({ field: 'QUOTE_NET_AMOUNT', operator: 'GREATER_THAN', value: 'lots' }, 'input.conditions[0]')).toThrow(/input.conditions\[0\].value: must be a number/);
    expect(() => checkCondition({ field: 'LINE_PRODUCT_FAMILY', operator: 'GREATER_THAN', value: 'Arco' }, 'c')).toThrow(/use EQUALS or NOT_EQUALS/);
    expect(() => checkCondition({ field: 'LINE_PRODUCT_CATEGORY', operator: 'EQUALS', value: 'boat' }, 'c')).toThrow(/must be one of VEHICLE/);
    expect(describeCondition(discountRule.conditions[0]!)).toBe('quote discount is greater than 10 %');
    expect(describeCondition(performance.conditions[1]!)).toBe('any line’s discount is at least 30 %');
  });
});

describe('levels and outcomes', () => {
  const at = (id: string, level: number, status: 'ASSIGNED' | 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'REVOKED') => ({ id, level, status });

  it('requests the lowest open level; the next one only once it is approved', () => {
    expect(advance([at('a', 1, 'ASSIGNED'), at('b', 1, 'ASSIGNED'), at('c', 2, 'ASSIGNED')])).toEqual({ outcome: 'PENDING', request: ['a', 'b'], revoke: [] });
    expect(advance([at('a', 1, 'APPROVED'), at('b', 1, 'REQUESTED'), at('c', 2, 'ASSIGNED')])).toEqual({ outcome: 'PENDING', request: [], revoke: [] });
    expect(advance([at('a', 1, 'APPROVED'), at('b', 1, 'APPROVED'), at('c', 2, 'ASSIGNED')])).toEqual({ outcome: 'PENDING', request: ['c'], revoke: [] });
    expect(advance([at('a', 1, 'APPROVED'), at('c', 3, 'APPROVED')])).toEqual({ outcome: 'APPROVED', request: [], revoke: [] });
  });

  it('rejects the submission when one of parallel approvers rejects, revoking what is still open', () => {
    expect(advance([at('a', 1, 'APPROVED'), at('b', 1, 'REJECTED'), at('c', 1, 'REQUESTED'), at('d', 2, 'ASSIGNED')])).toEqual({ outcome: 'REJECTED', request: [], revoke: ['c', 'd'] });
  });
});

describe('smart approvals', () => {
  const required = requiredApprovals([discountRule, performance], quote());
  const prior = (overrides: Partial<PriorApproval> & Pick<PriorApproval, 'ruleId' | 'level' | 'approverId'>): PriorApproval => ({
    groupId: null,
    status: 'APPROVED',
    inputs: required.find((r) => r.ruleId === overrides.ruleId)!.inputs,
    decidedBy: 'someone',
    ...overrides,
  });

  it('carries approvals whose inputs did not change and asks again for the rejected one and what follows', () => {
    const before = [
      prior({ ruleId: 'r-discount', level: 1, approverId: 'manager' }),
      prior({ ruleId: 'r-arco', level: 1, approverId: 'product-manager' }),
      prior({ ruleId: 'r-arco', level: 1, approverId: 'lawyer-a', groupId: 'legal' }),
      prior({ ruleId: 'r-arco', level: 1, approverId: 'lawyer-b', groupId: 'legal' }),
      prior({ ruleId: 'r-arco', level: 2, approverId: 'director', status: 'REJECTED' }),
    ];
    const plan = planSubmission(required, before, new Set(['r-discount', 'r-arco']));
    expect(plan.map((p) => [p.approverId, p.status, Boolean(p.carried)])).toEqual([
      ['manager', 'APPROVED', true],
      ['lawyer-a', 'APPROVED', true],
      ['lawyer-b', 'APPROVED', true],
      ['product-manager', 'APPROVED', true],
      ['director', 'REQUESTED', false],
    ]);
  });

  it('asks again when the inputs changed, or when the rule does not allow smart approval', () => {
    const changed = requiredApprovals([discountRule], quote({ customerDiscountPercent: '12.60' }));
    const before = [prior({ ruleId: 'r-discount', level: 1, approverId: 'manager' })];
    expect(planSubmission(changed, before, new Set(['r-discount']))[0]).toMatchObject({ status: 'REQUESTED', carried: null });
    expect(planSubmission(required.slice(0, 1), before, new Set())[0]).toMatchObject({ status: 'REQUESTED', carried: null });
  });

  it('compares inputs by value, whatever order the store kept their keys in', () => {
    const inputs = required[1]!.inputs;
    const reordered = Object.fromEntries(Object.entries(inputs).reverse());
    const before = [prior({ ruleId: 'r-arco', level: 1, approverId: 'lawyer-a', groupId: 'legal', inputs: reordered })];
    expect(planSubmission(required.slice(1, 2), before, new Set(['r-arco']))[0]!.carried).not.toBeNull();
  });

  it('a line that does not match the condition changes nothing; a matching line’s new discount does', () => {
    const withMats = requiredApprovals([performance], quote({ lines: [...quote().lines, { productCode: 'A-RBX-420', productName: 'Roof box', family: 'Roof', category: 'ACCESSORY', quantity: 1, discountPercent: '0.00', netTotal: '649.00' }] }));
    const before = [prior({ ruleId: 'r-arco', level: 2, approverId: 'director' })];
    expect(planSubmission(withMats.filter((r) => r.level === 2), before, new Set(['r-arco']))[0]!.carried).not.toBeNull();
    const steeper = requiredApprovals([performance], quote({ lines: [{ ...quote().lines[0]!, discountPercent: '31.00' }] }));
    expect(planSubmission(steeper.filter((r) => r.level === 2), before, new Set(['r-arco']))[0]!.carried).toBeNull();
  });
});

describe('who may decide an approval', () => {
  const approvers = new Map<string, ApproverFacts>(
    [
      { id: 'manager', name: 'Maria Manager', userSubject: 'maria', delegateId: 'deputy', delegationStart: '2026-12-01', delegationEnd: '2026-12-14' },
      { id: 'deputy', name: 'Dan Deputy', userSubject: 'dan', delegateId: null, delegationStart: null, delegationEnd: null },
      { id: 'cfo', name: 'Clara CFO', userSubject: 'clara', delegateId: null, delegationStart: null, delegationEnd: null },
      { id: 'controller', name: 'Carl Controller', userSubject: 'carl', delegateId: null, delegationStart: null, delegationEnd: null },
    ].map((a) => [a.id, a]),
  );
  const manager = [approvers.get('manager')!];

  it('the approver, or any member of a group asked as a whole', () => {
    expect(capacityOf({ approverId: 'manager', groupId: null }, manager, approvers, 'maria', '2026-11-23')).toEqual({ approverId: 'manager', asDelegate: false });
    const finance = [approvers.get('cfo')!, approvers.get('controller')!];
    expect(capacityOf({ approverId: null, groupId: 'finance' }, finance, approvers, 'carl', '2026-11-23')).toEqual({ approverId: 'controller', asDelegate: false });
  });

  it('a delegate within the dates (both days included), never outside them', () => {
    for (const day of ['2026-12-01', '2026-12-14']) {
      expect(capacityOf({ approverId: 'manager', groupId: null }, manager, approvers, 'dan', day)).toEqual({ approverId: 'manager', asDelegate: true });
    }
    expect(() => capacityOf({ approverId: 'manager', groupId: null }, manager, approvers, 'dan', '2026-12-15')).toThrow(
      'delegation is not in effect: Dan Deputy stands in for Maria Manager from 2026-12-01 to 2026-12-14, not on 2026-12-15',
    );
    expect(delegationCovers(approvers.get('manager')!, '2026-11-30')).toBe(false);
  });

  it('nobody else', () => {
    expect(() => capacityOf({ approverId: 'manager', groupId: null }, manager, approvers, 'clara', '2026-12-02')).toThrow(/this approval is for Maria Manager; clara is not that approver nor their delegate/);
  });
});
