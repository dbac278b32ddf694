import { isoDate } from '@l2c/shared';
import { monthsBetween, spanning, termEnd, type Period } from '../domain/contractTerms.ts';
import { fulfilOrder } from '../domain/fulfilment.ts';
import { CpqEventType, entity, recordCpqEvents, type CpqEvent } from '../events.ts';
import { productsByIds } from '../store/catalogue.ts';
import { contractOfQuoteForUpdate, insertContract, insertFulfilment, itemsByOrderIds, nextNumber, ordersByIds, updateContractRow, updateOrderRow } from '../store/orders.ts';
import { quotesByIds } from '../store/quotes.ts';
import type { OrderItemRow, OrderRow } from '../store/rows.ts';
import { assertCanSell, clock, idSource, type CommandContext } from './context.ts';
import { assertDraft, lockOrder } from './orders.ts';

/**
 * Activates a draft order: it is fixed from now on, and what it delivers joins the quote's contract (one contract
 * per accepted quote, however many orders it was split into). The first activated order creates and activates the
 * contract for the quote's term from the order's date; later orders extend it when their dates or subscriptions
 * reach beyond it. Each order's subscriptions, assets and entitlements start on that order's own date.
 */
export async function activateOrder(ctx: CommandContext, id: string): Promise<OrderRow> {
  assertCanSell(ctx, 'activateOrder');
  const newId = idSource(ctx);
  return ctx.store.transaction(async (tx) => {
    const order = await lockOrder(tx, ctx, id);
    assertDraft(order);
    const [quote] = await quotesByIds(tx, { kind: 'all' }, [order.quote_id]);
    const items = await itemsByOrderIds(tx, [id]);
    const products = new Map((await productsByIds(tx, items.map((i) => i.product_id))).map((p) => [p.id, p]));
    const now = clock(ctx);
    const fulfilment = fulfilOrder(
      order.effective_date,
      isoDate(now),
      items.map((item) => {
        const product = products.get(item.product_id)!;
        return {
          orderItemId: item.id,
          productId: item.product_id,
          productName: item.product_name,
          category: item.category,
          chargeType: item.charge_type,
          quantity: item.quantity,
          unitPrice: item.unit_price,
          subscriptionTerm: item.subscription_term,
          startDate: item.start_date,
          entitlementName: product.entitlement_name,
          entitlementMonths: product.entitlement_months,
        };
      }),
      newId,
    );
    const periods: Period[] = [{ startDate: order.effective_date, endDate: termEnd(order.effective_date, quote!.subscription_term) }, ...fulfilment.subscriptions];
    const events: CpqEvent[] = [];
    let contract = await contractOfQuoteForUpdate(tx, quote!.id);
    if (!contract) {
      const span = spanning(periods);
      const contractId = newId();
      await insertContract(tx, {
        id: contractId,
        number: await nextNumber(tx, 'contract_numbers', 'C'),
        quote_id: quote!.id,
        opportunity_id: quote!.opportunity_id,
        account_id: quote!.account_id,
        dealer_id: quote!.dealer_id,
        start_date: span.startDate,
        end_date: span.endDate!,
        term_months: monthsBetween(span.startDate, span.endDate!),
        activated_at: now,
      });
      contract = (await contractOfQuoteForUpdate(tx, quote!.id))!;
      events.push({ type: CpqEventType.ContractActivated, entity: entity('Contract', contractId), dealerIds: [quote!.dealer_id], changes: { quoteId: quote!.id, accountId: quote!.account_id, startDate: span.startDate, endDate: span.endDate, termMonths: contract.term_months } });
    } else {
      const span = spanning([{ startDate: contract.start_date, endDate: contract.end_date }, ...periods]);
      if (span.startDate !== contract.start_date || span.endDate !== contract.end_date) {
        await updateContractRow(tx, contract.id, { start_date: span.startDate, end_date: span.endDate!, term_months: monthsBetween(span.startDate, span.endDate!) });
        events.push({ type: CpqEventType.ContractExtended, entity: entity('Contract', contract.id), dealerIds: [contract.dealer_id], changes: { startDate: { from: contract.start_date, to: span.startDate }, endDate: { from: contract.end_date, to: span.endDate } } });
      }
    }
    const owner = { contract_id: contract.id, account_id: order.account_id, dealer_id: order.dealer_id };
    await insertFulfilment(tx, {
      subscriptions: fulfilment.subscriptions.map((s) => ({ id: s.id, order_item_id: s.orderItemId, product_id: s.productId, quantity: s.quantity, net_price: s.netPrice, start_date: s.startDate, end_date: s.endDate, ...owner })),
      assets: fulfilment.assets.map((a) => ({
        id: a.id,
        order_item_id: a.orderItemId,
        product_id: a.productId,
        name: a.name,
        serial_number: null,
        status: 'PURCHASED' as const,
        quantity: a.quantity,
        price: a.price,
        install_date: a.installDate,
        purchase_date: a.purchaseDate,
        ...owner,
      })),
      entitlements: fulfilment.entitlements.map((e) => ({ id: e.id, name: e.name, asset_id: e.assetId, subscription_id: e.subscriptionId, start_date: e.startDate, end_date: e.endDate, ...owner })),
    });
    await updateOrderRow(tx, id, { status: 'ACTIVATED', activated_at: now, contract_id: contract.id });
    events.unshift(
      { type: CpqEventType.OrderStatusChanged, entity: entity('Order', id), dealerIds: [order.dealer_id], changes: { status: { from: 'DRAFT', to: 'ACTIVATED' } } },
      {
        type: CpqEventType.OrderActivated,
        entity: entity('Order', id),
        dealerIds: [order.dealer_id],
        changes: {
          quoteId: quote!.id,
          contractId: contract.id,
          totalAmount: order.total_amount,
          effectiveDate: order.effective_date,
          subscriptions: fulfilment.subscriptions.length,
          assets: fulfilment.assets.length,
          // What billing schedules are made of (billing reads the event, never CPQ's tables).
          orderNumber: order.number,
          accountId: order.account_id,
          opportunityId: order.opportunity_id,
          activatedAt: now.toISOString(),
          items: activatedItems(items, fulfilment.subscriptions, order.effective_date),
          assetIds: fulfilment.assets.map((a) => a.id),
        },
      },
    );
    await recordCpqEvents(tx, events);
    const [activated] = await ordersByIds(tx, ctx.scope, [id]);
    return activated!;
  });
}

/** The order's items as the event carries them: each with its term (a subscription's dates; one-time items on the order's date). */
function activatedItems(items: readonly OrderItemRow[], subscriptions: readonly { orderItemId: string; startDate: string; endDate: string }[], effectiveDate: string) {
  const terms = new Map(subscriptions.map((s) => [s.orderItemId, s]));
  return items.map((item) => ({
    orderItemId: item.id,
    productId: item.product_id,
    productCode: item.product_code,
    productName: item.product_name,
    chargeType: item.charge_type,
    quantity: item.quantity,
    unitPrice: item.unit_price,
    totalPrice: item.total_price,
    subscriptionTerm: item.subscription_term,
    startDate: terms.get(item.id)?.startDate ?? effectiveDate,
    endDate: terms.get(item.id)?.endDate ?? null,
  }));
}
