import type { AssetResolvers, ContractResolvers, ContractSubscriptionResolvers, EntitlementResolvers, OrderItemResolvers, OrderResolvers } from '../__generated__/resolvers-types.ts';
import { present, ref } from './fields.ts';

export const Order = {
  __resolveReference: (ref, ctx) => ctx.loaders.order.load(ref.id),
  quote: async (order, _args, ctx) => present(await ctx.loaders.quote.load(order.quote_id), 'Quote', order.quote_id),
  opportunity: (order) => ({ id: order.opportunity_id }),
  account: (order) => ({ id: order.account_id }),
  dealer: (order) => ref(order.dealer_id),
  items: (order, _args, ctx) => ctx.loaders.orderItems.load(order.id),
  contract: (order, _args, ctx) => (order.contract_id ? ctx.loaders.contract.load(order.contract_id) : null),
} satisfies OrderResolvers;

export const OrderItem = {
  __resolveReference: (ref, ctx) => ctx.loaders.orderItem.load(ref.id),
  order: async (item, _args, ctx) => present(await ctx.loaders.order.load(item.order_id), 'Order', item.order_id),
  quoteLine: (item, _args, ctx) => (item.quote_line_id ? ctx.loaders.quoteLine.load(item.quote_line_id) : null),
  product: async (item, _args, ctx) => present(await ctx.loaders.product.load(item.product_id), 'Product', item.product_id),
} satisfies OrderItemResolvers;

export const Contract = {
  __resolveReference: (ref, ctx) => ctx.loaders.contract.load(ref.id),
  account: (contract) => ({ id: contract.account_id }),
  dealer: (contract) => ref(contract.dealer_id),
  opportunity: (contract) => ({ id: contract.opportunity_id }),
  quote: async (contract, _args, ctx) => present(await ctx.loaders.quote.load(contract.quote_id), 'Quote', contract.quote_id),
  orders: (contract, _args, ctx) => ctx.loaders.contractOrders.load(contract.id),
  subscriptions: (contract, _args, ctx) => ctx.loaders.contractSubscriptions.load(contract.id),
  assets: (contract, _args, ctx) => ctx.loaders.contractAssets.load(contract.id),
  entitlements: (contract, _args, ctx) => ctx.loaders.contractEntitlements.load(contract.id),
} satisfies ContractResolvers;

export const ContractSubscription = {
  __resolveReference: (ref, ctx) => ctx.loaders.subscription.load(ref.id),
  contract: async (sub, _args, ctx) => present(await ctx.loaders.contract.load(sub.contract_id), 'Contract', sub.contract_id),
  product: async (sub, _args, ctx) => present(await ctx.loaders.product.load(sub.product_id), 'Product', sub.product_id),
  orderItem: async (sub, _args, ctx) => present(await ctx.loaders.orderItem.load(sub.order_item_id), 'OrderItem', sub.order_item_id),
} satisfies ContractSubscriptionResolvers;

export const Asset = {
  __resolveReference: (ref, ctx) => ctx.loaders.asset.load(ref.id),
  account: (asset) => ({ id: asset.account_id }),
  product: async (asset, _args, ctx) => present(await ctx.loaders.product.load(asset.product_id), 'Product', asset.product_id),
  contract: async (asset, _args, ctx) => present(await ctx.loaders.contract.load(asset.contract_id), 'Contract', asset.contract_id),
  orderItem: async (asset, _args, ctx) => present(await ctx.loaders.orderItem.load(asset.order_item_id), 'OrderItem', asset.order_item_id),
} satisfies AssetResolvers;

export const Entitlement = {
  __resolveReference: (ref, ctx) => ctx.loaders.entitlement.load(ref.id),
  account: (entitlement) => ({ id: entitlement.account_id }),
  contract: async (entitlement, _args, ctx) => present(await ctx.loaders.contract.load(entitlement.contract_id), 'Contract', entitlement.contract_id),
  asset: (entitlement, _args, ctx) => (entitlement.asset_id ? ctx.loaders.asset.load(entitlement.asset_id) : null),
  subscription: (entitlement, _args, ctx) => (entitlement.subscription_id ? ctx.loaders.subscription.load(entitlement.subscription_id) : null),
} satisfies EntitlementResolvers;
