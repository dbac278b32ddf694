import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { createAccount, createContact, updateAccount, updateContact } from '../commands/accounts.ts';
import { convertLead } from '../commands/convertLead.ts';
import {
  addLeadLineItem,
  addLeadPreferredSeller,
  archiveLead,
  assignLeadToDealer,
  createLead,
  defineLeadStatus,
  disqualifyLead,
  nurtureLead,
  qualifyLead,
  recordQualification,
  removeLeadLineItem,
  removeLeadPreferredSeller,
  setLeadStatus,
  updateLead,
} from '../commands/leads.ts';
import { addOpportunityLineItem, createOpportunity, removeOpportunityLineItem, setOpportunityStage, updateOpportunity } from '../commands/opportunities.ts';
import { cancelTestDrive, completeTestDrive, scheduleTestDrive } from '../commands/testDrives.ts';

/** Mutations hand their arguments to commands, which check the caller, apply the rules and write in one transaction. */
export const Mutation = {
  createLead: (_p, { input }, ctx) => createLead(ctx, input),
  updateLead: (_p, { id, input }, ctx) => updateLead(ctx, id, input),
  addLeadLineItem: (_p, { leadId, input }, ctx) => addLeadLineItem(ctx, leadId, input),
  removeLeadLineItem: (_p, { id }, ctx) => removeLeadLineItem(ctx, id),
  addLeadPreferredSeller: (_p, { leadId, input }, ctx) => addLeadPreferredSeller(ctx, leadId, input),
  removeLeadPreferredSeller: (_p, { id }, ctx) => removeLeadPreferredSeller(ctx, id),
  setLeadStatus: (_p, { id, status }, ctx) => setLeadStatus(ctx, id, status),
  recordQualification: (_p, { id, input }, ctx) => recordQualification(ctx, id, input),
  qualifyLead: (_p, { id, input }, ctx) => qualifyLead(ctx, id, input),
  disqualifyLead: (_p, { id, reason }, ctx) => disqualifyLead(ctx, id, reason),
  nurtureLead: (_p, { id, until, status }, ctx) => nurtureLead(ctx, id, until, status),
  archiveLead: (_p, { id, reason }, ctx) => archiveLead(ctx, id, reason),
  assignLeadToDealer: (_p, { leadId, dealerId }, ctx) => assignLeadToDealer(ctx, leadId, dealerId),
  convertLead: (_p, { id, input }, ctx) => convertLead(ctx, id, input ?? {}),
  defineLeadStatus: (_p, { input }, ctx) => defineLeadStatus(ctx, input),
  createAccount: (_p, { input }, ctx) => createAccount(ctx, input),
  updateAccount: (_p, { id, input }, ctx) => updateAccount(ctx, id, input),
  createContact: (_p, { input }, ctx) => createContact(ctx, input),
  updateContact: (_p, { id, input }, ctx) => updateContact(ctx, id, input),
  createOpportunity: (_p, { input }, ctx) => createOpportunity(ctx, input),
  updateOpportunity: (_p, { id, input }, ctx) => updateOpportunity(ctx, id, input),
  setOpportunityStage: (_p, { id, stage, lossReason }, ctx) => setOpportunityStage(ctx, id, stage, lossReason),
  addOpportunityLineItem: (_p, { opportunityId, input }, ctx) => addOpportunityLineItem(ctx, opportunityId, input),
  removeOpportunityLineItem: (_p, { id }, ctx) => removeOpportunityLineItem(ctx, id),
  scheduleTestDrive: (_p, { input }, ctx) => scheduleTestDrive(ctx, input),
  completeTestDrive: (_p, { id, input }, ctx) => completeTestDrive(ctx, id, input),
  cancelTestDrive: (_p, { id }, ctx) => cancelTestDrive(ctx, id),
} satisfies MutationResolvers;
