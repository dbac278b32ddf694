import { childrenLoader, DataLoader, rowLoader, type Scope, type Store } from '@l2c/shared';
import { creditNotesOf, invoicesByIds, invoicesByOpportunityIds, invoicesByOrderIds, linesByInvoiceIds, linesByScheduleIds, orderIdsByInvoiceIds } from './store/invoices.ts';
import { allocationsByInvoiceIds, allocationsByPaymentIds, paymentsByIds } from './store/payments.ts';
import type { AllocationRow, InvoiceLineRow, InvoiceRow, PeriodRow, ScheduleRow, UsageRow } from './store/rows.ts';
import { runsByIds } from './store/runs.ts';
import { periodsByScheduleIds, schedulesByIds, schedulesByOrderIds, schedulesByOrderItemIds, usageByScheduleIds } from './store/schedules.ts';

/**
 * One request's loaders. Every loader of dealer-owned rows (schedules, invoices, payments) is scoped to the caller, so
 * a nested field can never reach another dealer's: it resolves to null or an empty list instead. Children (periods,
 * lines, allocations) are reached only through a parent already checked against scope. Invoice runs are the OEM's
 * own jobs: a partner's loader finds none.
 */
export function createLoaders(store: Store, scope: Scope) {
  const byKey = <T, K extends keyof T>(key: K) => (row: T) => row[key] as unknown as string;
  return {
    schedule: rowLoader((ids) => schedulesByIds(store, scope, ids), byKey<ScheduleRow, 'id'>('id')),
    schedulesByOrder: childrenLoader((ids) => schedulesByOrderIds(store, scope, ids), byKey<ScheduleRow, 'order_id'>('order_id')),
    scheduleByOrderItem: rowLoader((ids) => schedulesByOrderItemIds(store, scope, ids), byKey<ScheduleRow, 'order_item_id'>('order_item_id')),
    periods: childrenLoader((ids) => periodsByScheduleIds(store, ids), byKey<PeriodRow, 'schedule_id'>('schedule_id')),
    usage: childrenLoader((ids) => usageByScheduleIds(store, ids), byKey<UsageRow, 'schedule_id'>('schedule_id')),
    linesBySchedule: childrenLoader((ids) => linesByScheduleIds(store, ids), byKey<InvoiceLineRow, 'schedule_id'>('schedule_id')),
    invoice: rowLoader((ids) => invoicesByIds(store, scope, ids), byKey<InvoiceRow, 'id'>('id')),
    invoicesByOrder: childrenLoader((ids) => invoicesByOrderIds(store, scope, ids), (row) => row.order_id),
    invoicesByOpportunity: childrenLoader((ids) => invoicesByOpportunityIds(store, scope, ids), (row) => row.opportunity_id),
    lines: childrenLoader((ids) => linesByInvoiceIds(store, ids), byKey<InvoiceLineRow, 'invoice_id'>('invoice_id')),
    creditNotes: childrenLoader((ids) => creditNotesOf(store, ids), (row) => row.credits_invoice_id!),
    orderIdsOfInvoice: new DataLoader<string, string[]>(async (ids) => {
      const map = await orderIdsByInvoiceIds(store, ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
    allocationsByInvoice: childrenLoader((ids) => allocationsByInvoiceIds(store, ids), byKey<AllocationRow, 'invoice_id'>('invoice_id')),
    allocationsByPayment: childrenLoader((ids) => allocationsByPaymentIds(store, ids), byKey<AllocationRow, 'payment_id'>('payment_id')),
    payment: rowLoader((ids) => paymentsByIds(store, scope, ids), (row) => row.id),
    run: rowLoader((ids) => (scope.kind === 'all' ? runsByIds(store, ids) : Promise.resolve([])), (row) => row.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
