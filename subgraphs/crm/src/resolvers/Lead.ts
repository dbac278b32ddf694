import type { LeadResolvers, QualificationResolvers } from '../__generated__/resolvers-types.ts';
import { unmetCriteria } from '../domain/leadRules.ts';
import { addressOf, personName } from './fields.ts';

export const Lead = {
  __resolveReference: (ref, ctx) => ctx.loaders.lead.load(ref.id),
  name: (lead) => personName(lead),
  address: (lead) => addressOf(lead),
  dealer: (lead, _args, ctx) => (lead.dealer_id ? ctx.loaders.account.load(lead.dealer_id) : null),
  qualification: (lead) => lead,
  isArchived: (lead) => lead.archived_at !== null,
  isConverted: (lead) => lead.converted_at !== null,
  convertedAccount: (lead, _args, ctx) => (lead.converted_account_id ? ctx.loaders.account.load(lead.converted_account_id) : null),
  convertedContact: (lead, _args, ctx) => (lead.converted_contact_id ? ctx.loaders.contact.load(lead.converted_contact_id) : null),
  convertedOpportunity: (lead, _args, ctx) => (lead.converted_opportunity_id ? ctx.loaders.opportunity.load(lead.converted_opportunity_id) : null),
  lineItems: (lead, _args, ctx) => ctx.loaders.leadLineItems.load(lead.id),
  preferredSellers: (lead, _args, ctx) => ctx.loaders.leadPreferredSellers.load(lead.id),
  testDrives: (lead, _args, ctx) => ctx.loaders.leadTestDrives.load(lead.id),
} satisfies LeadResolvers;

export const Qualification = {
  notes: (lead) => lead.qualification_notes,
  isMet: (lead) => unmetCriteria(lead).length === 0,
} satisfies QualificationResolvers;
