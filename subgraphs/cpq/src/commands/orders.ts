import { conflict, intValue, notFound, type Queryable } from '@l2c/shared';
import { fromCents, mustCents } from '../domain/money.ts';
import { reconciliationDifference, splitIntoOrders } from '../domain/orderSplit.ts';
import { CpqEventType, entity, recordCpqEvents } from '../events.ts';
import { deleteItem, insertItems, insertOrders, itemsByOrderIds, nextNumber, orderIdOfItem, ordersByIds, refreshOrderTotal, updateItemRow } from '../store/orders.ts';
import { linesByQuoteIds, quotesByIds } from '../store/quotes.ts';
import type { OrderItemRow, OrderRow, QuoteRow } from '../store/rows.ts';
import { assertCanSell, idSource, type CommandContext } from './context.ts';
import { priceLines } from './linePricing.ts';

/**
 * Creates the orders of an accepted quote, inside the acceptance's transaction: one per ship-to location and
 * requested date, every quote line in exactly one order item at its net price. The orders must add up to the quote's
 * net amount to the cent; if they did not, nothing would be committed.
 */
export async function createOrdersForQuote(tx: Queryable, ctx: CommandContext, quote: QuoteRow): Promise<OrderRow[]> {
  const lines = await linesByQuoteIds(tx, [quote.id]);
  const plan = splitIntoOrders(
    lines.map((line) => ({ ...line, shipTo: line.ship_to ?? quote.ship_to, requestedDate: line.requested_date ?? quote.start_date, netTotal: line.net_total })),
  );
  const difference = reconciliationDifference(plan, quote.net_amount);
  if (difference !== '0.00') throw new Error(`orders of quote ${quote.number} differ from its net amount ${quote.net_amount} by ${difference}`);
  const newId = idSource(ctx);
  const orders: Omit<OrderRow, 'created_at' | 'updated_at' | 'activated_at' | 'contract_id'>[] = [];
  const items: Omit<OrderItemRow, 'created_at' | 'updated_at' | 'price_book_entry_id'>[] = [];
  for (const planned of plan) {
    const order = {
      id: newId(),
      number: await nextNumber(tx, 'order_numbers', 'O'),
      quote_id: quote.id,
      opportunity_id: quote.opportunity_id,
      account_id: quote.account_id,
      dealer_id: quote.dealer_id,
      status: 'DRAFT' as const,
      ship_to: planned.shipTo,
      effective_date: planned.effectiveDate,
      total_amount: planned.totalAmount,
    };
    orders.push(order);
    for (const line of planned.lines) {
      items.push({
        id: newId(),
        order_id: order.id,
        quote_line_id: line.id,
        product_id: line.product_id,
        product_code: line.product_code,
        product_name: line.product_name,
        category: line.category,
        charge_type: line.charge_type,
        quantity: line.quantity,
        list_price: line.prorated_list_price,
        unit_price: line.net_price,
        total_price: line.net_total,
        subscription_term: line.subscription_term,
        start_date: line.start_date,
      });
    }
  }
  await insertOrders(tx, orders);
  await insertItems(tx, items);
  await recordCpqEvents(
    tx,
    orders.map((order, i) => ({
      type: CpqEventType.OrderCreated,
      entity: entity('Order', order.id),
      dealerIds: [order.dealer_id],
      changes: { quoteId: quote.id, number: order.number, status: 'DRAFT', shipTo: order.ship_to, effectiveDate: order.effective_date, totalAmount: order.total_amount, part: `${i + 1} of ${orders.length}` },
    })),
  );
  return ordersByIds(tx, { kind: 'all' }, orders.map((o) => o.id));
}

export interface OrderItemInput {
  productCode: string;
  quantity: number;
  discountPercent?: string | null;
  subscriptionTerm?: number | null;
}

/** Amends a draft order with a product priced from its quote's price book. */
export async function addOrderItem(ctx: CommandContext, orderId: string, input: OrderItemInput): Promise<OrderRow> {
  return amendOrder(ctx, orderId, 'addOrderItem', async (tx, order) => {
    const [quote] = await quotesByIds(tx, { kind: 'all' }, [order.quote_id]);
    const [line] = await priceLines(tx, { ...quote!, start_date: order.effective_date }, [input], () => 'input');
    const id = idSource(ctx)();
    await insertItems(tx, [
      {
        id,
        order_id: orderId,
        quote_line_id: null,
        product_id: line!.product_id,
        product_code: line!.product_code,
        product_name: line!.product_name,
        category: line!.category,
        charge_type: line!.charge_type,
        quantity: line!.quantity,
        list_price: line!.prorated_list_price,
        unit_price: line!.net_price,
        total_price: line!.net_total,
        subscription_term: line!.subscription_term,
        start_date: line!.start_date,
      },
    ]);
    return { action: 'ADD', itemId: id, productCode: line!.product_code, quantity: line!.quantity, totalPrice: line!.net_total };
  });
}

/** Changes an item's quantity at its unit price (the price agreed stays; volume tiers are not re-run). */
export async function setOrderItemQuantity(ctx: CommandContext, itemId: string, quantity: number): Promise<OrderRow> {
  const count = intValue('quantity', quantity, 1, 100_000);
  const orderId = await orderOfItem(ctx, itemId);
  return amendOrder(ctx, orderId, 'setOrderItemQuantity', async (tx) => {
    const item = (await itemsByOrderIds(tx, [orderId])).find((i) => i.id === itemId)!;
    const total = fromCents(mustCents(item.unit_price) * BigInt(count));
    await updateItemRow(tx, itemId, { quantity: count, total_price: total });
    return { action: 'CHANGE_QUANTITY', itemId, quantity: { from: item.quantity, to: count }, totalPrice: { from: item.total_price, to: total } };
  });
}

export async function removeOrderItem(ctx: CommandContext, itemId: string): Promise<OrderRow> {
  const orderId = await orderOfItem(ctx, itemId);
  return amendOrder(ctx, orderId, 'removeOrderItem', async (tx, order) => {
    const items = await itemsByOrderIds(tx, [orderId]);
    if (items.length === 1) throw conflict(`order ${order.number} would be left empty; an order keeps at least one item`, { rule: 'ORDER_WOULD_BE_EMPTY' });
    await deleteItem(tx, itemId);
    return { action: 'REMOVE', itemId, productCode: items.find((i) => i.id === itemId)!.product_code };
  });
}

/** One amendment of a draft order in one transaction; activated orders are fixed. */
async function amendOrder(ctx: CommandContext, orderId: string, action: string, change: (tx: Queryable, order: OrderRow) => Promise<Record<string, unknown>>): Promise<OrderRow> {
  assertCanSell(ctx, action);
  return ctx.store.transaction(async (tx) => {
    const order = await lockOrder(tx, ctx, orderId);
    assertDraft(order);
    const changes = await change(tx, order);
    await refreshOrderTotal(tx, orderId);
    const [after] = await ordersByIds(tx, ctx.scope, [orderId]);
    await recordCpqEvents(tx, [{ type: CpqEventType.OrderAmended, entity: entity('Order', orderId), dealerIds: [order.dealer_id], changes: { ...changes, totalAmount: { from: order.total_amount, to: after!.total_amount } } }]);
    return after!;
  });
}

export async function lockOrder(tx: Queryable, ctx: CommandContext, id: string): Promise<OrderRow> {
  const [order] = await ordersByIds(tx, ctx.scope, [id], true);
  if (!order) throw notFound('Order', id);
  return order;
}

export function assertDraft(order: OrderRow): void {
  if (order.status !== 'DRAFT') throw conflict(`order ${order.number} is activated; an activated order no longer changes`, { rule: 'ORDER_ACTIVATED', orderId: order.id });
}

async function orderOfItem(ctx: CommandContext, itemId: string): Promise<string> {
  const orderId = await orderIdOfItem(ctx.store, itemId);
  if (!orderId || !(await ordersByIds(ctx.store, ctx.scope, [orderId])).length) throw notFound('OrderItem', itemId);
  return orderId;
}
