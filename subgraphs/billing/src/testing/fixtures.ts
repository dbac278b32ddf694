/** Test support for billing's command tests: a fresh store, callers, activated orders and invoice runs. */
import { randomUUID } from 'node:crypto';
import { createLogger, type Identity, type Store } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { billActivatedOrder, type ActivatedItem, type ActivatedOrder } from '../commands/billOrder.ts';
import { defaultBillingSettings, type CommandContext } from '../commands/context.ts';
import { processInvoiceRun } from '../runs/processInvoiceRun.ts';
import { migrationsDir } from '../server.ts';
import { insertRun } from '../store/runs.ts';
import type { InvoiceRunRow } from '../store/rows.ts';
import { nextNumber } from '../store/scope.ts';
import { scopeOf } from '@l2c/shared';

export const logger = createLogger('billing-test', 'silent');
export const DEALER = 'dealer-north';
export const OTHER_DEALER = 'dealer-south';

export function openBillingStore(driver: 'pglite' | 'postgres' = 'pglite'): Promise<DisposableStore> {
  return storeDrivers.find((d) => d.name === driver)!.open(migrationsDir);
}

export const staff: Identity = { subject: 'finance@oem', roles: ['staff'], dealerAccountId: null };
export const partner = (dealer = DEALER): Identity => ({ subject: `partner@${dealer}`, roles: ['partner'], dealerAccountId: dealer });

export function commandContext(store: Store, identity: Identity = staff, now?: Date): CommandContext {
  return { store, identity, scope: scopeOf(identity), settings: defaultBillingSettings, logger, ...(now ? { now: () => now } : {}) };
}

/** A monthly subscription item: `total` over `months` months from `start`. */
export function subscription(start: string, end: string, total: string, over: Partial<ActivatedItem> = {}): ActivatedItem {
  return { orderItemId: randomUUID(), productId: 'p-connect', productCode: 'CONNECT-12', productName: 'Connected services', chargeType: 'RECURRING', quantity: 1, unitPrice: total, totalPrice: total, startDate: start, endDate: end, ...over };
}

export function order(items: ActivatedItem[], over: Partial<ActivatedOrder> = {}): ActivatedOrder {
  return {
    orderId: randomUUID(),
    orderNumber: `O-${Math.floor(Math.random() * 1e5)}`,
    accountId: 'acct-anna',
    dealerId: DEALER,
    opportunityId: 'opp-1',
    quoteId: 'quote-1',
    contractId: randomUUID(),
    effectiveDate: items[0]?.startDate ?? '2026-01-01',
    totalAmount: items[0]?.totalPrice ?? '0.00',
    activatedAt: '2026-01-01T09:00:00.000Z',
    items,
    ...over,
  };
}

/** Bills an activated order as the event consumer would; returns its schedules. */
export async function bill(store: Store, activated: ActivatedOrder) {
  const outcome = await billActivatedOrder({ store, settings: defaultBillingSettings }, randomUUID(), activated);
  if (!outcome.applied) throw new Error(`order not billed: ${outcome.reason}`);
  return outcome.schedules;
}

/** Runs an invoice run for `targetDate` to its end, in this process (the job's own work, without the queue). */
export async function runInvoices(store: Store, targetDate: string, options: { autoPost?: boolean; groupsPerStep?: number } = {}): Promise<InvoiceRunRow> {
  const run = await store.transaction(async (tx) =>
    insertRun(tx, { id: randomUUID(), number: await nextNumber(tx, 'invoice_run_numbers', 'RUN'), target_date: targetDate, invoice_date: targetDate, auto_post: options.autoPost ?? true, trigger: 'MANUAL', requested_by: 'test' }),
  );
  const done = await processInvoiceRun({ store, paymentTermDays: 30, logger, now: () => new Date(`${targetDate}T06:00:00Z`), groupsPerStep: options.groupsPerStep ?? 100 }, run.id);
  return done!;
}

/** The periods of a schedule billed by an active invoice line (credit notes' lines left out), as [service start, amount]. */
export async function billedPeriods(store: Store, scheduleId: string): Promise<[string, string][]> {
  const rows = await store.query<{ start_date: string; amount: string }>('select start_date, amount from invoice_lines where schedule_id = $1 and is_active and period_id is not null order by start_date', [scheduleId]);
  return rows.map((r) => [r.start_date, r.amount]);
}

export async function recordedEvents(store: Store, type?: string): Promise<{ type: string; entity_id: string; dealer_ids: string[]; changes: Record<string, unknown> }[]> {
  return store.query(`select type, entity_id, dealer_ids, changes from outbox ${type ? 'where type = $1' : ''} order by id`, type ? [type] : []);
}
