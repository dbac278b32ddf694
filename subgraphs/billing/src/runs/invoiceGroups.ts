import { fromCents, mustCents, type Queryable } from '@l2c/shared';
import { addDays } from '../domain/calendar.ts';
import { insertInvoices, insertLines } from '../store/invoices.ts';
import type { BillingFrequency, ChargeType, InvoiceRunRow } from '../store/rows.ts';
import { addToRun } from '../store/runs.ts';

/**
 * One step of an invoice run: the periods due of a few invoice groups become draft invoice lines, in one
 * transaction. A group is an account, a dealer, a billing day and a currency: everything one customer owes on the same
 * cycle, whatever the order, lands on one invoice (an aligned amendment with its original). Periods are locked and
 * marked invoiced in the same transaction as their lines, and the store allows one active line per period, so a run
 * that dies and is resumed (or two runs at once) can never bill a period twice. A group this run already has a draft
 * for gets its new lines on that draft.
 */

export interface InvoiceGroup {
  account_id: string;
  dealer_id: string | null;
  billing_day: number;
  currency: string;
}

interface DuePeriod extends InvoiceGroup {
  period_id: string;
  schedule_id: string;
  order_id: string;
  order_item_id: string;
  product_code: string;
  product_name: string;
  charge_type: ChargeType;
  frequency: BillingFrequency;
  quantity: string;
  unit_price: string;
  start_date: string;
  end_date: string;
  amount: string;
}

const DUE = `p.status = 'PENDING' and p.billing_date <= $1 and s.status = 'ACTIVE' and not s.on_hold`;

/** A period due, with the invoice group it belongs to. */
export interface DueKey extends InvoiceGroup {
  id: string;
}

/**
 * Every period due on `targetDate` (held schedules left out), ordered by invoice group: one indexed read at the start
 * of a run (or of its resumption), which the run then invoices a few groups at a time.
 */
export async function duePeriods(db: Queryable, targetDate: string): Promise<DueKey[]> {
  return db.query<DueKey>(
    `select p.id, s.account_id, s.dealer_id, s.billing_day, s.currency from billing_periods p join billing_schedules s on s.id = p.schedule_id
     where ${DUE} order by s.account_id, s.dealer_id, s.billing_day, s.currency, p.billing_date, s.created_at, p.period_index`,
    [targetDate],
  );
}

/** Cuts the due periods into steps of about `groups` whole invoice groups each (a group is never split). */
export function stepsOf(due: readonly DueKey[], groups: number): string[][] {
  const steps: string[][] = [];
  let current: string[] = [];
  let seen = 0;
  let last: string | null = null;
  for (const period of due) {
    const key = groupKey(period);
    if (key !== last) {
      if (seen === groups) {
        steps.push(current);
        current = [];
        seen = 0;
      }
      seen++;
      last = key;
    }
    current.push(period.id);
  }
  if (current.length) steps.push(current);
  return steps;
}

export interface GroupsInvoiced {
  lines: number;
  invoicesCreated: number;
  total: string;
}

export async function invoiceGroups(tx: Queryable, run: InvoiceRunRow, periodIds: readonly string[], paymentTermDays: number, newId: () => string): Promise<GroupsInvoiced> {
  const due = await tx.query<DuePeriod>(
    `select p.id as period_id, p.schedule_id, p.start_date, p.end_date,
            coalesce(p.amount, (select round(coalesce(sum(u.quantity), 0) * s.unit_price, 2) from usage_records u where u.schedule_id = s.id and u.usage_date between p.start_date and p.end_date))::text as amount,
            s.account_id, s.dealer_id, s.billing_day, s.currency, s.order_id, s.order_item_id, s.product_code, s.product_name, s.charge_type, s.frequency, s.quantity, s.unit_price
     from billing_periods p
     join billing_schedules s on s.id = p.schedule_id
     where p.id = any($2) and ${DUE}
     order by s.account_id, s.dealer_id, s.billing_day, s.currency, p.billing_date, s.created_at, p.period_index
     for update of p skip locked`,
    [run.target_date, periodIds],
  );
  if (due.length === 0) return { lines: 0, invoicesCreated: 0, total: '0.00' };
  const drafts = await tx.query<InvoiceGroup & { id: string }>(
    `select id, account_id, dealer_id, billing_day, currency from invoices where run_id = $1 and status = 'DRAFT' and kind = 'INVOICE' and account_id = any($2)`,
    [run.id, [...new Set(due.map((d) => d.account_id))]],
  );
  const invoiceOf = new Map(drafts.map((d) => [groupKey(d), d.id]));
  const fresh: InvoiceGroup[] = [];
  for (const period of due) {
    const key = groupKey(period);
    if (!invoiceOf.has(key)) {
      invoiceOf.set(key, newId());
      fresh.push(period);
    }
  }
  const numbers = fresh.length
    ? await tx.query<{ n: number }>(`select nextval('invoice_numbers')::int as n from generate_series(1, $1::int)`, [fresh.length])
    : [];
  await insertInvoices(
    tx,
    fresh.map((group, i) => ({
      id: invoiceOf.get(groupKey(group))!,
      number: `INV-${String(numbers[i]!.n).padStart(6, '0')}`,
      kind: 'INVOICE',
      account_id: group.account_id,
      dealer_id: group.dealer_id,
      billing_day: group.billing_day,
      status: 'DRAFT',
      invoice_date: run.invoice_date,
      due_date: addDays(run.invoice_date, paymentTermDays),
      target_date: run.target_date,
      currency: group.currency,
      run_id: run.id,
    })),
  );
  await insertLines(
    tx,
    due.map((period) => ({
      id: newId(),
      invoice_id: invoiceOf.get(groupKey(period))!,
      period_id: period.period_id,
      schedule_id: period.schedule_id,
      order_id: period.order_id,
      order_item_id: period.order_item_id,
      product_code: period.product_code,
      product_name: period.product_name,
      charge_type: period.charge_type,
      frequency: period.frequency,
      start_date: period.start_date,
      end_date: period.end_date,
      quantity: period.quantity,
      unit_price: period.unit_price,
      amount: period.amount,
    })),
  );
  await tx.query(
    `update billing_periods p set status = 'INVOICED', amount = v.amount, updated_at = now() from unnest($1::text[], $2::numeric[]) as v(id, amount) where p.id = v.id`,
    [due.map((d) => d.period_id), due.map((d) => d.amount)],
  );
  // A schedule with nothing left to bill is complete. (Two plain statements: an anti-join here is planned as a scan per schedule.)
  const schedules = [...new Set(due.map((d) => d.schedule_id))];
  const open = new Set((await tx.query<{ schedule_id: string }>(`select distinct schedule_id from billing_periods where schedule_id = any($1) and status = 'PENDING'`, [schedules])).map((r) => r.schedule_id));
  const complete = schedules.filter((id) => !open.has(id));
  if (complete.length) await tx.query(`update billing_schedules set status = 'COMPLETED', updated_at = now() where id = any($1) and status = 'ACTIVE'`, [complete]);
  const touched = [...new Set(due.map((d) => invoiceOf.get(groupKey(d))!))];
  await tx.query(`update invoices i set total_amount = (select coalesce(sum(l.amount), 0) from invoice_lines l where l.invoice_id = i.id and l.is_active), updated_at = now() where i.id = any($1)`, [touched]);
  const total = fromCents(due.reduce((sum, d) => sum + mustCents(d.amount), 0n));
  await addToRun(tx, run.id, { lines_invoiced: due.length, invoices_created: fresh.length, total_amount: total });
  return { lines: due.length, invoicesCreated: fresh.length, total };
}

function groupKey(group: InvoiceGroup): string {
  return JSON.stringify([group.account_id, group.dealer_id, group.billing_day, group.currency]);
}
