import { pageQuery } from '@l2c/shared';
import type { AccountResolvers, ContactResolvers } from '../__generated__/resolvers-types.ts';
import { listLeads } from '../store/leads.ts';
import { listOpportunities } from '../store/opportunities.ts';
import { addressOf, personName } from './fields.ts';

export const Account = {
  __resolveReference: (ref, ctx) => ctx.loaders.account.load(ref.id),
  servicingDealer: (account, _args, ctx) => (account.dealer_id ? ctx.loaders.account.load(account.dealer_id) : null),
  address: (account) => addressOf(account),
  contacts: (account, _args, ctx) => ctx.loaders.contactsByAccount.load(account.id),
  opportunities: (account, args, ctx) =>
    listOpportunities(
      ctx.store,
      ctx.scope,
      account.type === 'DEALER' ? { dealerId: account.id } : { accountId: account.id },
      { field: 'CREATED_AT', direction: 'DESC' },
      pageQuery(args),
    ),
  assignedLeads: (account, args, ctx) =>
    listLeads(ctx.store, ctx.scope, { dealerId: account.id }, { field: 'CREATED_AT', direction: 'DESC' }, pageQuery(args)),
} satisfies AccountResolvers;

export const Contact = {
  __resolveReference: (ref, ctx) => ctx.loaders.contact.load(ref.id),
  account: (contact, _args, ctx) => ctx.loaders.account.load(contact.account_id),
  name: (contact) => personName(contact),
} satisfies ContactResolvers;
