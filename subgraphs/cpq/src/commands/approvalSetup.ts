import { badInput, conflict, dateValue, emailValue, forbidden, hasRole, intValue, notFound, requiredText, type Queryable } from '@l2c/shared';
import { checkCondition, type ApprovalCondition } from '../domain/approvalRules.ts';
import { CpqEventType, entity, recordCpqEvents } from '../events.ts';
import { approvalNameTaken, approverBySubject, approversByIds, chainsByIds, groupsByIds, insertApprover, insertChain, insertGroup, insertRule, rulesByIds, setRuleActive, updateApproverRow } from '../store/approvals.ts';
import type { ApprovalChainRow, ApprovalGroupRow, ApprovalRuleRow, ApproverRow } from '../store/rows.ts';
import { assertInternal, idSource, type CommandContext } from './context.ts';

/*
 * Setting up advanced approvals: approvers (people, by their identity subject), groups, chains of levels, and rules
 * with conditions. The OEM's staff do this; an approver may also name their own delegate for an absence.
 */

export async function createApprover(ctx: CommandContext, input: { name: string; userSubject: string; email?: string | null }): Promise<ApproverRow> {
  assertInternal(ctx, 'createApprover');
  const subject = requiredText('input.userSubject', input.userSubject, 200);
  return ctx.store.transaction(async (tx) => {
    const taken = await approverBySubject(tx, subject);
    if (taken) throw conflict(`input.userSubject: ${subject} is already the approver ${taken.name}`, { rule: 'APPROVER_EXISTS' });
    return insertApprover(tx, { id: idSource(ctx)(), name: requiredText('input.name', input.name, 120), user_subject: subject, email: emailValue('input.email', input.email) ?? null });
  });
}

/**
 * Names a delegate for the days from `start` to `end` (both included): on those days the delegate may decide the
 * approver's approvals, and on no other. The approver sets it, or staff for them.
 */
export async function setApproverDelegation(ctx: CommandContext, approverId: string, input: { delegateId: string; start: string; end: string }): Promise<ApproverRow> {
  const start = dateValue('input.start', input.start);
  const end = dateValue('input.end', input.end);
  if (end < start) throw badInput('input.end', input.end, `must not be before the start ${start}`);
  if (input.delegateId === approverId) throw badInput('input.delegateId', input.delegateId, 'an approver cannot delegate to themself');
  return changeDelegation(ctx, approverId, async (tx) => {
    const [delegate] = await approversByIds(tx, [input.delegateId]);
    if (!delegate) throw notFound('Approver', input.delegateId, 'input.delegateId');
    return { delegate_id: delegate.id, delegation_start: start, delegation_end: end };
  });
}

export async function clearApproverDelegation(ctx: CommandContext, approverId: string): Promise<ApproverRow> {
  return changeDelegation(ctx, approverId, async () => ({ delegate_id: null, delegation_start: null, delegation_end: null }));
}

export async function createApprovalGroup(ctx: CommandContext, input: { name: string; requireAll?: boolean | null; memberIds: string[] }): Promise<ApprovalGroupRow> {
  assertInternal(ctx, 'createApprovalGroup');
  const name = requiredText('input.name', input.name, 120);
  const members = [...new Set(input.memberIds)];
  if (members.length === 0) throw badInput('input.memberIds', input.memberIds, 'a group needs at least one member');
  return ctx.store.transaction(async (tx) => {
    await assertApproversExist(tx, members, 'input.memberIds');
    await assertNameFree(tx, 'approval_groups', name);
    return insertGroup(tx, { id: idSource(ctx)(), name, require_all: input.requireAll ?? false }, members);
  });
}

export interface ChainEntryInput {
  level: number;
  approverId?: string | null;
  groupId?: string | null;
}

/** A chain of levels: level 1 is asked first, level 2 once level 1 has approved, and so on; entries sharing a level are asked together. */
export async function createApprovalChain(ctx: CommandContext, input: { name: string; entries: ChainEntryInput[] }): Promise<ApprovalChainRow> {
  assertInternal(ctx, 'createApprovalChain');
  const name = requiredText('input.name', input.name, 120);
  if (input.entries.length === 0) throw badInput('input.entries', input.entries, 'a chain needs at least one level');
  const newId = idSource(ctx);
  const entries = input.entries.map((entry, i) => {
    if (Boolean(entry.approverId) === Boolean(entry.groupId)) throw badInput(`input.entries[${i}]`, entry, 'name exactly one of approverId and groupId');
    return { id: newId(), level: intValue(`input.entries[${i}].level`, entry.level, 1, 20), approver_id: entry.approverId ?? null, group_id: entry.groupId ?? null };
  });
  return ctx.store.transaction(async (tx) => {
    await assertApproversExist(tx, entries.flatMap((e) => (e.approver_id ? [e.approver_id] : [])), 'input.entries');
    const groupIds = entries.flatMap((e) => (e.group_id ? [e.group_id] : []));
    const groups = await groupsByIds(tx, groupIds);
    const missing = groupIds.find((g) => !groups.some((row) => row.id === g));
    if (missing) throw notFound('ApprovalGroup', missing, 'input.entries');
    await assertNameFree(tx, 'approval_chains', name);
    return insertChain(tx, { id: newId(), name }, entries);
  });
}

export interface CreateApprovalRuleInput {
  name: string;
  conditionsMet?: 'ALL' | 'ANY' | null;
  conditions: ApprovalCondition[];
  level?: number | null;
  approverId?: string | null;
  groupId?: string | null;
  chainId?: string | null;
  smartApproval?: boolean | null;
}

/** A rule: when its conditions hold for a quote, the approver, group or chain it names must approve. */
export async function createApprovalRule(ctx: CommandContext, input: CreateApprovalRuleInput): Promise<ApprovalRuleRow> {
  assertInternal(ctx, 'createApprovalRule');
  const name = requiredText('input.name', input.name, 120);
  const targets = [input.approverId, input.groupId, input.chainId].filter(Boolean);
  if (targets.length !== 1) throw badInput('input', { approverId: input.approverId, groupId: input.groupId, chainId: input.chainId }, 'name exactly one of approverId, groupId and chainId');
  if (input.conditions.length === 0) throw badInput('input.conditions', input.conditions, 'a rule needs at least one condition');
  const conditions = input.conditions.map((c, i) => checkCondition(c, `input.conditions[${i}]`));
  const newId = idSource(ctx);
  return ctx.store.transaction(async (tx) => {
    if (input.approverId) await assertApproversExist(tx, [input.approverId], 'input.approverId');
    if (input.groupId && !(await groupsByIds(tx, [input.groupId])).length) throw notFound('ApprovalGroup', input.groupId, 'input.groupId');
    if (input.chainId && !(await chainsByIds(tx, [input.chainId])).length) throw notFound('ApprovalChain', input.chainId, 'input.chainId');
    await assertNameFree(tx, 'approval_rules', name);
    const id = newId();
    const rule = await insertRule(
      tx,
      {
        id,
        name,
        conditions_met: input.conditionsMet ?? 'ALL',
        level: intValue('input.level', input.level ?? 1, 1, 20),
        approver_id: input.approverId ?? null,
        group_id: input.groupId ?? null,
        chain_id: input.chainId ?? null,
        smart_approval: input.smartApproval ?? true,
      },
      conditions.map((c, index) => ({ id: newId(), index, field: c.field, operator: c.operator, value: c.value })),
    );
    await recordCpqEvents(tx, [{ type: CpqEventType.ApprovalRuleChanged, entity: entity('ApprovalRule', id), changes: { created: true, name } }]);
    return rule;
  });
}

export async function setApprovalRuleActive(ctx: CommandContext, id: string, isActive: boolean): Promise<ApprovalRuleRow> {
  assertInternal(ctx, 'setApprovalRuleActive');
  return ctx.store.transaction(async (tx) => {
    if (!(await rulesByIds(tx, [id])).length) throw notFound('ApprovalRule', id);
    const rule = (await setRuleActive(tx, id, isActive))!;
    await recordCpqEvents(tx, [{ type: CpqEventType.ApprovalRuleChanged, entity: entity('ApprovalRule', id), changes: { isActive } }]);
    return rule;
  });
}

async function changeDelegation(ctx: CommandContext, approverId: string, columns: (tx: Queryable) => Promise<Partial<ApproverRow>>): Promise<ApproverRow> {
  return ctx.store.transaction(async (tx) => {
    const [approver] = await approversByIds(tx, [approverId]);
    if (!approver) throw notFound('Approver', approverId, 'approverId');
    if (approver.user_subject !== ctx.identity.subject && !hasRole(ctx.identity, 'staff', 'sf_admin')) {
      throw forbidden(`only ${approver.name} or staff may change who stands in for ${approver.name}`);
    }
    const changes = await columns(tx);
    await updateApproverRow(tx, approverId, changes);
    await recordCpqEvents(tx, [
      { type: CpqEventType.ApproverDelegationChanged, entity: entity('Approver', approverId), changes: { delegateId: changes.delegate_id, start: changes.delegation_start, end: changes.delegation_end } },
    ]);
    return (await approversByIds(tx, [approverId]))[0]!;
  });
}

async function assertApproversExist(tx: Queryable, ids: readonly string[], field: string): Promise<void> {
  const found = await approversByIds(tx, ids);
  const missing = ids.find((id) => !found.some((row) => row.id === id));
  if (missing) throw notFound('Approver', missing, field);
}

async function assertNameFree(tx: Queryable, table: 'approval_groups' | 'approval_chains' | 'approval_rules', name: string): Promise<void> {
  if (await approvalNameTaken(tx, table, name)) throw conflict(`input.name: ${JSON.stringify(name)} is taken`, { rule: 'NAME_TAKEN' });
}
