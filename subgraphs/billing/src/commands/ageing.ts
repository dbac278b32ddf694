import { dateValue, fromCents, mustCents, SqlParams, type Scope } from '@l2c/shared';
import { ageingTotals, ageReceivables, type AgeingBucket, type AgeingRow } from '../domain/ageing.ts';
import { and, dealerOwned } from '../store/scope.ts';
import type { CommandContext } from './context.ts';

/** The receivables ageing report as the graph serves it. */
export interface AgeingReport {
  asOf: string;
  currency: string;
  buckets: BucketAmounts;
  total: string;
  accounts: AccountAgeingRow[];
}

export type BucketAmounts = Record<AgeingBucket, string>;

export interface AccountAgeingRow {
  accountId: string;
  buckets: BucketAmounts;
  total: string;
  unappliedCredit: string;
}

/**
 * What customers owe on `asOf`, by days past due, from what the store knew that day: invoices dated by then, less
 * payments allocated and credit notes dated by then (unallocations by then give back). A partner sees its dealer's.
 */
export async function receivablesAgeing(ctx: Pick<CommandContext, 'store' | 'scope' | 'settings'>, asOfInput: string, accountId?: string | null): Promise<AgeingReport> {
  const asOf = dateValue('asOf', asOfInput);
  const items = await openItems(ctx, ctx.scope, asOf, accountId ?? null);
  const rows = ageReceivables(items.map((i) => ({ accountId: i.account_id, dueDate: i.due_date, balance: i.balance })), asOf);
  const credit = await unapplied(ctx, ctx.scope, asOf, accountId ?? null);
  const seen = new Set(rows.map((r) => r.accountId));
  const creditOnly: AgeingRow[] = [...credit.keys()].filter((id) => !seen.has(id)).map((id) => ({ accountId: id, buckets: { CURRENT: '0.00', DAYS_1_30: '0.00', DAYS_31_60: '0.00', DAYS_61_90: '0.00', DAYS_OVER_90: '0.00' }, total: '0.00' }));
  const accounts = [...rows, ...creditOnly].map((row) => ({ ...row, unappliedCredit: credit.get(row.accountId) ?? '0.00' }));
  const totals = ageingTotals(rows);
  return { asOf, currency: ctx.settings.currency, buckets: totals.buckets, total: totals.total, accounts };
}

async function openItems(ctx: Pick<CommandContext, 'store'>, scope: Scope, asOf: string, accountId: string | null) {
  const p = new SqlParams();
  const day = p.add(asOf);
  const where = and([
    `i.kind = 'INVOICE'`,
    `i.posted_at is not null`,
    `i.invoice_date <= ${day}::date`,
    dealerOwned(scope, 'i.dealer_id', p.add),
    accountId ? `i.account_id = ${p.add(accountId)}` : null,
  ]);
  return ctx.store.query<{ account_id: string; due_date: string; balance: string }>(
    `select i.account_id, i.due_date,
       (i.total_amount
        - coalesce((select sum(case when a.type = 'ALLOCATION' then a.amount else -a.amount end) from payment_allocations a where a.invoice_id = i.id and a.allocation_date <= ${day}::date), 0)
        + coalesce((select sum(c.total_amount) from invoices c where c.credits_invoice_id = i.id and c.invoice_date <= ${day}::date), 0))::text as balance
     from invoices i where ${where.join(' and ')} order by i.account_id, i.due_date, i.id`,
    p.values,
  );
}

/** Per account: payments dated by `asOf`, less what was allocated of them by then. */
async function unapplied(ctx: Pick<CommandContext, 'store'>, scope: Scope, asOf: string, accountId: string | null): Promise<Map<string, string>> {
  const p = new SqlParams();
  const day = p.add(asOf);
  const where = and([`p.status = 'PROCESSED'`, `p.payment_date <= ${day}::date`, dealerOwned(scope, 'p.dealer_id', p.add), accountId ? `p.account_id = ${p.add(accountId)}` : null]);
  const rows = await ctx.store.query<{ account_id: string; credit: string }>(
    `select p.account_id, sum(p.amount - coalesce((select sum(case when a.type = 'ALLOCATION' then a.amount else -a.amount end) from payment_allocations a where a.payment_id = p.id and a.allocation_date <= ${day}::date), 0))::text as credit
     from payments p where ${where.join(' and ')} group by p.account_id`,
    p.values,
  );
  return new Map(rows.filter((r) => mustCents(r.credit) !== 0n).map((r) => [r.account_id, fromCents(mustCents(r.credit))]));
}
