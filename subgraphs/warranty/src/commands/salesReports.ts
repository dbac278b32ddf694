import { badInput, conflict, fromCents, mustCents, requiredText, type Queryable } from '@l2c/shared';
import { chooseProgram, incentiveCents, splitIncentive, type Sale, type SalesReportKind } from '../domain/incentive.ts';
import { entity, recordWarrantyEvents, WarrantyEventType, type WarrantyEvent } from '../events.ts';
import { listPrograms, programOf } from '../store/programs.ts';
import type { RebateClaimRow, SalesReportStatus, TransactionJournalRow } from '../store/rows.ts';
import { decideReport, insertAllocations, reportsByIds, TABLE_OF } from '../store/salesReports.ts';
import { assertManager, idSource, type CommandContext } from './context.ts';

/**
 * The OEM's review of dealers' sales reports. Approving computes the incentive (the program the dealer named, or the
 * first that pays) and splits it between the dealers of a trade, to the cent; returning sends the report back to the
 * dealer, who corrects it and uploads the row again; rejecting is final. A review is all or nothing: one report that
 * cannot be decided refuses the whole batch, naming it.
 */

export type Decision = 'APPROVE' | 'RETURN' | 'REJECT';
const MAX_BATCH = 1000;

export async function reviewRebateClaims(ctx: CommandContext, input: { ids: readonly string[]; decision: Decision; reason?: string | null }): Promise<RebateClaimRow[]> {
  return review<RebateClaimRow>(ctx, 'REBATE_CLAIM', input, (row) => ({
    kind: 'REBATE_CLAIM',
    productCode: row.product_code,
    saleDate: row.sale_date,
    quantity: row.quantity,
    totalCents: mustCents(row.sale_price) * BigInt(row.quantity),
    saleType: row.sale_type,
    deliveryMileage: row.delivery_mileage,
    programCode: row.program_code,
    tradingDealerId: row.trading_dealer_id,
  }), (row) => (row.delivery_status === 'DELIVERED' ? null : `${row.number} is ${row.delivery_status}: only delivered vehicles are approved`));
}

export async function reviewTransactionJournals(ctx: CommandContext, input: { ids: readonly string[]; decision: Decision; reason?: string | null }): Promise<TransactionJournalRow[]> {
  return review<TransactionJournalRow>(ctx, 'TRANSACTION_JOURNAL', input, (row) => ({
    kind: 'TRANSACTION_JOURNAL',
    productCode: row.product_code,
    saleDate: row.journal_date,
    quantity: row.quantity,
    totalCents: mustCents(row.amount),
    saleType: null,
    deliveryMileage: null,
    programCode: row.program_code,
    tradingDealerId: row.supplying_dealer_id,
  }), () => null);
}

async function review<Row extends RebateClaimRow | TransactionJournalRow>(
  ctx: CommandContext,
  kind: SalesReportKind,
  input: { ids: readonly string[]; decision: Decision; reason?: string | null },
  saleOf: (row: Row) => Sale,
  notApprovable: (row: Row) => string | null,
): Promise<Row[]> {
  assertManager(ctx, kind === 'REBATE_CLAIM' ? 'reviewRebateClaims' : 'reviewTransactionJournals');
  const ids = [...new Set(input.ids)];
  if (ids.length === 0 || ids.length > MAX_BATCH) throw badInput('input.ids', `${ids.length} ids`, `must name from 1 to ${MAX_BATCH} reports`);
  const reason = input.reason?.trim() || null;
  if (input.decision !== 'APPROVE' && !reason) throw badInput('input.reason', input.reason ?? null, `${input.decision === 'RETURN' ? 'returning' : 'rejecting'} needs a reason the dealer can act on`);
  if (reason) requiredText('input.reason', reason, 1000);
  const table = TABLE_OF[kind];
  const newId = idSource(ctx);
  return ctx.store.transaction(async (tx) => {
    const rows = await reportsByIds<Row>(tx, table, ctx.scope, ids, true);
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw badInput('input.ids', missing, 'name reports that do not exist');
    const undecidable = rows.filter((r) => r.status !== 'SUBMITTED');
    if (undecidable.length) throw conflict(`${undecidable.map((r) => `${r.number} is ${r.status}`).join(', ')}: only submitted reports are reviewed`, { rule: 'REPORT_NOT_SUBMITTED', numbers: undecidable.map((r) => r.number) });
    const programs = input.decision === 'APPROVE' ? (await listPrograms(tx, { includeInactive: true, appliesTo: kind })).map(programOf) : [];
    const events: WarrantyEvent[] = [];
    for (const row of rows) {
      let status: SalesReportStatus = input.decision === 'APPROVE' ? 'APPROVED' : input.decision === 'RETURN' ? 'RETURNED' : 'REJECTED';
      let statusReason = reason;
      let incentive: string | null = null;
      let programId: string | null = null;
      if (input.decision === 'APPROVE') {
        const refusal = notApprovable(row);
        if (refusal) throw conflict(refusal, { rule: 'NOT_APPROVABLE', number: row.number });
        const sale = saleOf(row);
        const choice = chooseProgram(sale, programs);
        const cents = choice.program ? incentiveCents(choice.program, sale) : 0n;
        incentive = fromCents(cents);
        programId = choice.program?.id ?? null;
        statusReason = choice.note;
        if (choice.program && cents > 0n) {
          const split = splitIncentive(cents, choice.program, row.dealer_id, sale.tradingDealerId);
          await insertAllocations(tx, split.map((a) => ({ id: newId(), source_kind: kind, source_id: row.id, source_number: row.number, dealer_id: a.dealerId, role: a.role, amount: fromCents(a.cents), program_id: choice.program!.id })));
        }
        status = 'APPROVED';
      }
      await decideReport(tx, table, row.id, { status, status_reason: statusReason, incentive_amount: incentive, program_id: programId, decided_by: ctx.identity.subject });
      events.push({
        type: kind === 'REBATE_CLAIM' ? WarrantyEventType.RebateClaimStatusChanged : WarrantyEventType.TransactionJournalStatusChanged,
        entity: entity(kind === 'REBATE_CLAIM' ? 'RebateClaim' : 'TransactionJournal', row.id),
        dealerIds: [row.dealer_id],
        changes: { number: row.number, externalId: row.external_id, status: { from: row.status, to: status }, ...(incentive !== null ? { incentiveAmount: incentive } : {}), ...(statusReason ? { reason: statusReason } : {}) },
      });
    }
    await recordWarrantyEvents(tx, events);
    return reportsByIds<Row>(tx as Queryable, table, ctx.scope, ids);
  });
}
