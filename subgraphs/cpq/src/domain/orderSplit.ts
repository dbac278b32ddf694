import { fromCents, mustCents } from './money.ts';

/**
 * Advanced order management: an accepted quote becomes one order per ship-to location and requested date (CPQ's
 * "order by" a quote-line field, here the pair). Every quote line goes into exactly one order, whole, at its net
 * price, so the orders' totals add up to the quote's net amount to the cent.
 */

export interface SplittableLine {
  id: string;
  number: number;
  /** Where the line is delivered; the quote's ship-to when the line names none. Null: not known yet. */
  shipTo: string | null;
  /** When the customer wants it: the line's requested date, else the quote's start date. */
  requestedDate: string;
  netTotal: string;
}

export interface PlannedOrder<L extends SplittableLine> {
  shipTo: string | null;
  effectiveDate: string;
  lines: L[];
  totalAmount: string;
}

/** Groups lines into orders, earliest date first, then by ship-to (unnamed first); lines keep their quote order. */
export function splitIntoOrders<L extends SplittableLine>(lines: readonly L[]): PlannedOrder<L>[] {
  const groups = new Map<string, PlannedOrder<L>>();
  for (const line of [...lines].sort((a, b) => a.number - b.number)) {
    const key = JSON.stringify([line.requestedDate, line.shipTo]);
    let order = groups.get(key);
    if (!order) groups.set(key, (order = { shipTo: line.shipTo, effectiveDate: line.requestedDate, lines: [], totalAmount: '0.00' }));
    order.lines.push(line);
  }
  const orders = [...groups.values()].sort(
    (a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || (a.shipTo ?? '').localeCompare(b.shipTo ?? ''),
  );
  for (const order of orders) order.totalAmount = fromCents(order.lines.reduce((sum, line) => sum + mustCents(line.netTotal), 0n));
  return orders;
}

/** The orders' total less the quote's net amount: `"0.00"` when they reconcile. */
export function reconciliationDifference(orders: readonly { totalAmount: string }[], quoteNetAmount: string): string {
  return fromCents(orders.reduce((sum, order) => sum + mustCents(order.totalAmount), 0n) - mustCents(quoteNetAmount));
}
