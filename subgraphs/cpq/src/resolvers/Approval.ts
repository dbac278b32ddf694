import { isoDate } from '@l2c/shared';
import type {
  ApprovalChainEntryResolvers,
  ApprovalChainResolvers,
  ApprovalConditionResolvers,
  ApprovalGroupResolvers,
  ApprovalPreviewResolvers,
  ApprovalPreviewStepResolvers,
  ApprovalResolvers,
  ApprovalRuleResolvers,
  ApproverReplacementResolvers,
  ApproverResolvers,
} from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { delegationCovers } from '../domain/approvalFlow.ts';
import { describeCondition } from '../domain/approvalRules.ts';
import { present } from './fields.ts';

const approverOf = async (id: string | null, ctx: Context) => (id ? ctx.loaders.approver.load(id) : null);
const groupOf = async (id: string | null, ctx: Context) => (id ? ctx.loaders.approvalGroup.load(id) : null);

export const Approval = {
  __resolveReference: (ref, ctx) => ctx.loaders.approval.load(ref.id),
  quote: async (approval, _args, ctx) => present(await ctx.loaders.quote.load(approval.quote_id), 'Quote', approval.quote_id),
  rule: async (approval, _args, ctx) => present(await ctx.loaders.approvalRule.load(approval.rule_id), 'ApprovalRule', approval.rule_id),
  approver: (approval, _args, ctx) => approverOf(approval.approver_id, ctx),
  group: (approval, _args, ctx) => groupOf(approval.group_id, ctx),
  decidedBy: (approval, _args, ctx) => approverOf(approval.decided_by, ctx),
} satisfies ApprovalResolvers;

export const Approver = {
  __resolveReference: (ref, ctx) => ctx.loaders.approver.load(ref.id),
  delegate: (approver, _args, ctx) => approverOf(approver.delegate_id, ctx),
  isDelegating: (approver) => delegationCovers({ delegateId: approver.delegate_id, delegationStart: approver.delegation_start, delegationEnd: approver.delegation_end }, isoDate(new Date())),
} satisfies ApproverResolvers;

export const ApprovalGroup = {
  __resolveReference: (ref, ctx) => ctx.loaders.approvalGroup.load(ref.id),
  members: async (group, _args, ctx) => {
    const members = await ctx.loaders.groupMembers.load(group.id);
    return Promise.all(members.map(async (m) => present(await ctx.loaders.approver.load(m.approver_id), 'Approver', m.approver_id)));
  },
} satisfies ApprovalGroupResolvers;

export const ApprovalChain = {
  __resolveReference: (ref, ctx) => ctx.loaders.approvalChain.load(ref.id),
  entries: (chain, _args, ctx) => ctx.loaders.chainEntries.load(chain.id),
} satisfies ApprovalChainResolvers;

export const ApprovalChainEntry = {
  approver: (entry, _args, ctx) => approverOf(entry.approver_id, ctx),
  group: (entry, _args, ctx) => groupOf(entry.group_id, ctx),
} satisfies ApprovalChainEntryResolvers;

export const ApprovalRule = {
  __resolveReference: (ref, ctx) => ctx.loaders.approvalRule.load(ref.id),
  conditions: (rule, _args, ctx) => ctx.loaders.ruleConditions.load(rule.id),
  approver: (rule, _args, ctx) => approverOf(rule.approver_id, ctx),
  group: (rule, _args, ctx) => groupOf(rule.group_id, ctx),
  chain: (rule, _args, ctx) => (rule.chain_id ? ctx.loaders.approvalChain.load(rule.chain_id) : null),
} satisfies ApprovalRuleResolvers;

export const ApprovalCondition = {
  description: (condition) => describeCondition(condition),
} satisfies ApprovalConditionResolvers;

export const ApprovalPreview = {} satisfies ApprovalPreviewResolvers;

export const ApprovalPreviewStep = {
  rule: async (step, _args, ctx) => present(await ctx.loaders.approvalRule.load(step.rule_id), 'ApprovalRule', step.rule_id),
  approver: (step, _args, ctx) => approverOf(step.approver_id, ctx),
  group: (step, _args, ctx) => groupOf(step.group_id, ctx),
} satisfies ApprovalPreviewStepResolvers;

export const ApproverReplacement = {} satisfies ApproverReplacementResolvers;
