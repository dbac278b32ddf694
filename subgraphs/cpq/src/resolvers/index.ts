import { DateScalar, DateTimeScalar, DecimalScalar } from '@l2c/shared';
import type { FederatedResolvers, Resolvers } from '../__generated__/resolvers-types.ts';
import {
  Approval,
  ApprovalChain,
  ApprovalChainEntry,
  ApprovalCondition,
  ApprovalGroup,
  ApprovalPreview,
  ApprovalPreviewStep,
  ApprovalRule,
  Approver,
  ApproverReplacement,
} from './Approval.ts';
import { DiscountTier, InventoryItem, PriceBook, PriceBookEntry, Product } from './Catalogue.ts';
import { Account, Opportunity } from './Entities.ts';
import { Mutation } from './Mutation.ts';
import { Asset, Contract, ContractSubscription, Entitlement, Order, OrderItem } from './Order.ts';
import { Query } from './Query.ts';
import { OpportunitySync, Quote, QuoteLine } from './Quote.ts';

/** The CPQ resolver map: every `@key` entity resolves references through the request's scoped loaders. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Decimal: DecimalScalar,
  Query,
  Mutation,
  Opportunity,
  Account,
  Product,
  DiscountTier,
  PriceBook,
  PriceBookEntry,
  InventoryItem,
  Quote,
  QuoteLine,
  OpportunitySync,
  Approval,
  Approver,
  ApprovalGroup,
  ApprovalChain,
  ApprovalChainEntry,
  ApprovalRule,
  ApprovalCondition,
  ApprovalPreview,
  ApprovalPreviewStep,
  ApproverReplacement,
  Order,
  OrderItem,
  Contract,
  ContractSubscription,
  Asset,
  Entitlement,
} satisfies Resolvers & FederatedResolvers;
