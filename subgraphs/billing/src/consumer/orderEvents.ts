import type { EventBus, Logger, StoredEvent, Tail } from '@l2c/shared';
import { CHARGE_TYPES, type ChargeType } from '../domain/scheduleTerms.ts';
import { billActivatedOrder, type ActivatedItem, type ActivatedOrder, type BillOrderDeps, type BillOrderOutcome } from '../commands/billOrder.ts';

/** The event bus consumer group billing reads CPQ's order events in: each event is handled by one billing process. */
export const BILLING_CONSUMER_GROUP = 'billing';

export interface OrderEventConsumerOptions extends BillOrderDeps {
  bus: EventBus;
  /** This process's name in the consumer group: stable across restarts, distinct per process. */
  consumer: string;
  logger: Logger;
}

/**
 * Follows the event bus in the `billing` consumer group and turns each `OrderActivated` into billing schedules. The
 * bus delivers at least once and resumes with what was not acknowledged, and applying an event is idempotent by its
 * id, so a crash at any point neither loses an order nor bills it twice. An event that cannot be read is logged and
 * acknowledged (retrying cannot fix it, and it would hold up every later event); a store failure throws, and the
 * bus hands the event over again.
 */
export function startOrderEventConsumer(options: OrderEventConsumerOptions): Tail {
  return options.bus.consume(BILLING_CONSUMER_GROUP, options.consumer, async (event) => {
    await handleOrderEvent(options, event);
  });
}

export async function handleOrderEvent(options: BillOrderDeps & { logger: Logger }, event: StoredEvent): Promise<BillOrderOutcome | null> {
  if (event.type !== 'OrderActivated' || event.entity?.typename !== 'Order') return null;
  const order = readActivatedOrder(event);
  if (typeof order === 'string') {
    options.logger.error({ eventId: event.eventId, orderId: event.entity.id, problem: order }, 'OrderActivated event cannot be billed');
    return null;
  }
  const outcome = await billActivatedOrder(options, event.eventId, order);
  if (outcome.applied) options.logger.info({ orderId: order.orderId, schedules: outcome.schedules.length }, 'billing schedules created for an activated order');
  return outcome;
}

/** The order an `OrderActivated` event describes, or what is wrong with it. */
export function readActivatedOrder(event: StoredEvent): ActivatedOrder | string {
  const c = event.changes;
  const text = (key: string) => (typeof c[key] === 'string' ? (c[key] as string) : null);
  const accountId = text('accountId');
  const effectiveDate = text('effectiveDate');
  if (!accountId || !effectiveDate || !Array.isArray(c['items'])) return 'the event has no accountId, effectiveDate or items (published before orders carried their items?)';
  const items: ActivatedItem[] = [];
  for (const [i, raw] of (c['items'] as unknown[]).entries()) {
    const item = raw as Record<string, unknown>;
    const chargeType = item['chargeType'];
    if (typeof item['orderItemId'] !== 'string' || typeof item['startDate'] !== 'string' || typeof item['totalPrice'] !== 'string' || !(CHARGE_TYPES as readonly unknown[]).includes(chargeType)) {
      return `items[${i}] lacks an orderItemId, startDate, totalPrice or known chargeType`;
    }
    items.push({
      orderItemId: item['orderItemId'],
      productId: typeof item['productId'] === 'string' ? item['productId'] : null,
      productCode: String(item['productCode'] ?? ''),
      productName: String(item['productName'] ?? item['productCode'] ?? ''),
      chargeType: chargeType as ChargeType,
      quantity: typeof item['quantity'] === 'number' || typeof item['quantity'] === 'string' ? item['quantity'] : 1,
      unitPrice: typeof item['unitPrice'] === 'string' ? item['unitPrice'] : item['totalPrice'],
      totalPrice: item['totalPrice'],
      startDate: item['startDate'],
      endDate: typeof item['endDate'] === 'string' ? item['endDate'] : null,
    });
  }
  return {
    orderId: event.entity.id,
    orderNumber: text('orderNumber') ?? event.entity.id,
    accountId,
    dealerId: event.dealerIds[0] ?? null,
    opportunityId: text('opportunityId'),
    quoteId: text('quoteId'),
    contractId: text('contractId'),
    effectiveDate,
    totalAmount: text('totalAmount') ?? '0.00',
    activatedAt: text('activatedAt') ?? event.occurredAt,
    items,
  };
}
