import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { activateOrder } from '../commands/activateOrder.ts';
import { approveApproval, recallQuote, rejectApproval, submitQuote } from '../commands/approvals.ts';
import {
  clearApproverDelegation,
  createApprovalChain,
  createApprovalGroup,
  createApprovalRule,
  createApprover,
  setApprovalRuleActive,
  setApproverDelegation,
} from '../commands/approvalSetup.ts';
import { createPriceBook, createProduct, setDiscountTiers, setInventory, setPrice, updateProduct } from '../commands/catalogue.ts';
import { addOrderItem, removeOrderItem, setOrderItemQuantity } from '../commands/orders.ts';
import { acceptQuote, denyQuote, presentQuote, syncQuoteToOpportunity } from '../commands/quoteLifecycle.ts';
import { addQuoteLine, cloneQuote, createQuote, removeQuoteLine, setPrimaryQuote, updateQuote, updateQuoteLine } from '../commands/quotes.ts';
import { replaceApprover } from '../commands/replaceApprover.ts';

/** Mutations hand their arguments to commands, which check the caller, apply the rules and write in one transaction. */
export const Mutation = {
  createProduct: (_p, { input }, ctx) => createProduct(ctx, input),
  updateProduct: (_p, { id, input }, ctx) => updateProduct(ctx, id, input),
  setDiscountTiers: (_p, { productId, tiers }, ctx) => setDiscountTiers(ctx, productId, tiers),
  createPriceBook: (_p, { input }, ctx) => createPriceBook(ctx, input),
  setPrice: (_p, { priceBookId, productId, unitPrice }, ctx) => setPrice(ctx, priceBookId, productId, unitPrice),
  setInventory: (_p, { dealerId, productCode, quantityOnHand }, ctx) => setInventory(ctx, dealerId, productCode, quantityOnHand),
  createQuote: (_p, { input }, ctx) => createQuote(ctx, input),
  updateQuote: (_p, { id, input }, ctx) => updateQuote(ctx, id, input),
  addQuoteLine: (_p, { quoteId, input }, ctx) => addQuoteLine(ctx, quoteId, input),
  updateQuoteLine: (_p, { id, input }, ctx) => updateQuoteLine(ctx, id, input),
  removeQuoteLine: (_p, { id }, ctx) => removeQuoteLine(ctx, id),
  cloneQuote: (_p, { id }, ctx) => cloneQuote(ctx, id),
  setPrimaryQuote: (_p, { id }, ctx) => setPrimaryQuote(ctx, id),
  submitQuote: (_p, { id }, ctx) => submitQuote(ctx, id),
  recallQuote: (_p, { id, comment }, ctx) => recallQuote(ctx, id, comment),
  approveApproval: (_p, { id, comment }, ctx) => approveApproval(ctx, id, comment),
  rejectApproval: (_p, { id, comment }, ctx) => rejectApproval(ctx, id, comment),
  presentQuote: (_p, { id }, ctx) => presentQuote(ctx, id),
  acceptQuote: (_p, { id }, ctx) => acceptQuote(ctx, id),
  denyQuote: (_p, { id, reason }, ctx) => denyQuote(ctx, id, reason),
  syncQuoteToOpportunity: (_p, { id }, ctx) => syncQuoteToOpportunity(ctx, id),
  createApprover: (_p, { input }, ctx) => createApprover(ctx, input),
  setApproverDelegation: (_p, { approverId, input }, ctx) => setApproverDelegation(ctx, approverId, input),
  clearApproverDelegation: (_p, { approverId }, ctx) => clearApproverDelegation(ctx, approverId),
  createApprovalGroup: (_p, { input }, ctx) => createApprovalGroup(ctx, input),
  createApprovalChain: (_p, { input }, ctx) => createApprovalChain(ctx, input),
  createApprovalRule: (_p, { input }, ctx) => createApprovalRule(ctx, input),
  setApprovalRuleActive: (_p, { id, isActive }, ctx) => setApprovalRuleActive(ctx, id, isActive),
  replaceApprover: (_p, { approverId, replacementId }, ctx) => replaceApprover(ctx, approverId, replacementId),
  addOrderItem: (_p, { orderId, input }, ctx) => addOrderItem(ctx, orderId, input),
  setOrderItemQuantity: (_p, { id, quantity }, ctx) => setOrderItemQuantity(ctx, id, quantity),
  removeOrderItem: (_p, { id }, ctx) => removeOrderItem(ctx, id),
  activateOrder: (_p, { id }, ctx) => activateOrder(ctx, id),
} satisfies MutationResolvers;
