import type {
  LeadLineItemResolvers,
  LeadPreferredSellerResolvers,
  OpportunityLineItemResolvers,
  OpportunityPreferredSellerResolvers,
  OpportunityResolvers,
  TestDriveResolvers,
} from '../__generated__/resolvers-types.ts';

export const Opportunity = {
  __resolveReference: (ref, ctx) => ctx.loaders.opportunity.load(ref.id),
  account: (opportunity, _args, ctx) => ctx.loaders.account.load(opportunity.account_id),
  contact: (opportunity, _args, ctx) => (opportunity.contact_id ? ctx.loaders.contact.load(opportunity.contact_id) : null),
  dealer: (opportunity, _args, ctx) => (opportunity.dealer_id ? ctx.loaders.account.load(opportunity.dealer_id) : null),
  lead: (opportunity, _args, ctx) => (opportunity.lead_id ? ctx.loaders.lead.load(opportunity.lead_id) : null),
  lineItems: (opportunity, _args, ctx) => ctx.loaders.opportunityLineItems.load(opportunity.id),
  preferredSellers: (opportunity, _args, ctx) => ctx.loaders.opportunityPreferredSellers.load(opportunity.id),
  testDrives: (opportunity, _args, ctx) => ctx.loaders.opportunityTestDrives.load(opportunity.id),
} satisfies OpportunityResolvers;

export const LeadLineItem = {
  __resolveReference: (ref, ctx) => ctx.loaders.leadLineItem.load(ref.id),
} satisfies LeadLineItemResolvers;

export const OpportunityLineItem = {
  __resolveReference: (ref, ctx) => ctx.loaders.opportunityLineItem.load(ref.id),
} satisfies OpportunityLineItemResolvers;

/** A preferred seller's dealer goes through the scoped loader: a partner sees another dealer named there as null. */
export const LeadPreferredSeller = {
  __resolveReference: (ref, ctx) => ctx.loaders.leadPreferredSeller.load(ref.id),
  dealer: (seller, _args, ctx) => ctx.loaders.account.load(seller.dealer_id),
} satisfies LeadPreferredSellerResolvers;

export const OpportunityPreferredSeller = {
  __resolveReference: (ref, ctx) => ctx.loaders.opportunityPreferredSeller.load(ref.id),
  dealer: (seller, _args, ctx) => ctx.loaders.account.load(seller.dealer_id),
} satisfies OpportunityPreferredSellerResolvers;

export const TestDrive = {
  __resolveReference: (ref, ctx) => ctx.loaders.testDrive.load(ref.id),
  lead: (drive, _args, ctx) => (drive.lead_id ? ctx.loaders.lead.load(drive.lead_id) : null),
  opportunity: (drive, _args, ctx) => (drive.opportunity_id ? ctx.loaders.opportunity.load(drive.opportunity_id) : null),
  dealer: (drive, _args, ctx) => ctx.loaders.account.load(drive.dealer_id),
} satisfies TestDriveResolvers;
