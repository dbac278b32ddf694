import type { AccountResolvers, OpportunityResolvers, OrderItemResolvers, OrderResolvers } from '../__generated__/resolvers-types.ts';

/**
 * CPQ's and CRM's entities, extended with what billing knows about them. Billing holds only their ids: the reference
 * resolves to the id itself, and the owning subgraph decides whether the caller may see the entity at all; billing's
 * own fields are scoped by billing's loaders.
 */
export const Order = {
  __resolveReference: (ref) => ({ id: ref.id }),
  billingSchedules: (order, _args, ctx) => ctx.loaders.schedulesByOrder.load(order.id),
  invoices: (order, _args, ctx) => ctx.loaders.invoicesByOrder.load(order.id),
} satisfies OrderResolvers;

export const OrderItem = {
  __resolveReference: (ref) => ({ id: ref.id }),
  billingSchedule: (item, _args, ctx) => ctx.loaders.scheduleByOrderItem.load(item.id),
} satisfies OrderItemResolvers;

export const Opportunity = {
  __resolveReference: (ref) => ({ id: ref.id }),
  invoices: (opportunity, _args, ctx) => ctx.loaders.invoicesByOpportunity.load(opportunity.id),
} satisfies OpportunityResolvers;

export const Account = {
  __resolveReference: (ref) => ({ id: ref.id }),
} satisfies AccountResolvers;
