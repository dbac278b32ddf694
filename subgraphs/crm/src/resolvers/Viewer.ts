import type { ViewerResolvers } from '../__generated__/resolvers-types.ts';

export const Viewer = {
  roles: (identity) => identity.roles.map((role) => role.toUpperCase() as 'STAFF' | 'SF_ADMIN' | 'PARTNER' | 'ENGINEER' | 'WARRANTY_ADJUSTER' | 'ASSESSOR'),
  dealer: (identity, _args, ctx) => (identity.dealerAccountId ? ctx.loaders.account.load(identity.dealerAccountId) : null),
} satisfies ViewerResolvers;
