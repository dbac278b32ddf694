import { conflict, daysBetween, fromCents, notFound, type Queryable } from '@l2c/shared';
import { adjudicateByRules, type RepeatRepair } from '../domain/adjudication.ts';
import { claimFactsFrom, lineDescriptions, type ClaimFactsInput, type RawClaimInput } from '../domain/claimInput.ts';
import { assertEditable } from '../domain/claimStatus.ts';
import { checkClaim, lineAmountCents, type CheckedClaim, type ClaimLineFacts } from '../domain/eligibility.ts';
import { assetsByIds } from '../store/assets.ts';
import { claimsByIds, earlierClaimsForFaults, insertClaim, itemIdOfClaim, linesByClaimIds, readPolicy, replaceLines, updateClaimItem, updateClaimRow, updateCoverage, updateLine, coveragesByClaimIds } from '../store/claims.ts';
import { readCodeBook } from '../store/codes.ts';
import { warrantiesOnAsset } from '../store/coverage.ts';
import type { ClaimRow, CodeRow } from '../store/rows.ts';
import { registerAssets } from './assetWarranties.ts';
import { lockClaim, moveClaim } from './claimLife.ts';
import { assertFiler, dealerFor, idSource, today, type CommandContext } from './context.ts';

/**
 * A dealer's claims: drafted, changed while a draft (or while the adjuster waits for information), and submitted.
 * Submitting checks every line's eligibility and lets the rules adjudicate in the same transaction, so a claim the
 * rules can settle is approved or rejected the moment it is submitted, and the dealer hears of each status change.
 */

export interface ClaimInput extends RawClaimInput {
  dealerId?: string | null;
}

export async function createClaim(ctx: CommandContext, input: ClaimInput): Promise<ClaimRow> {
  assertFiler(ctx, 'createClaim');
  const dealerId = dealerFor(ctx, input.dealerId, 'input.dealerId');
  await ensureAsset(ctx, input.assetId);
  const newId = idSource(ctx);
  return ctx.store.transaction(async (tx) => {
    const { catalogue, byCode } = await readCodeBook(tx);
    const facts = claimFactsFrom(input, catalogue, today(ctx));
    const id = newId();
    const itemId = newId();
    await insertClaim(tx, { id, dealer_id: dealerId, type: facts.type, description: facts.description, created_by: ctx.identity.subject }, { id: itemId, asset_id: facts.assetId, failure_date: facts.failureDate, repair_date: facts.repairDate, mileage: facts.mileage });
    await writeLines(tx, id, itemId, facts, lineDescriptions(input), byCode, newId);
    await tx.query('insert into claim_status_changes (claim_id, from_status, to_status, changed_by) values ($1, null, $2, $3)', [id, 'DRAFT', ctx.identity.subject]);
    return (await claimsByIds(tx, ctx.scope, [id]))[0]!;
  });
}

export async function updateClaim(ctx: CommandContext, id: string, input: ClaimInput): Promise<ClaimRow> {
  assertFiler(ctx, 'updateClaim');
  await ensureAsset(ctx, input.assetId);
  return ctx.store.transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx, id);
    assertEditable(claim.number, claim.status);
    if (input.dealerId && input.dealerId !== claim.dealer_id) throw conflict(`claim ${claim.number} belongs to dealer ${claim.dealer_id}; its dealer does not change`, { rule: 'DEALER_FIXED', field: 'input.dealerId' });
    const { catalogue, byCode } = await readCodeBook(tx);
    const facts = claimFactsFrom(input, catalogue, today(ctx));
    const itemId = await updateClaimItem(tx, id, { asset_id: facts.assetId, failure_date: facts.failureDate, repair_date: facts.repairDate, mileage: facts.mileage });
    await updateClaimRow(tx, id, { type: facts.type, description: facts.description });
    await writeLines(tx, id, itemId, facts, lineDescriptions(input), byCode, idSource(ctx));
    return (await claimsByIds(tx, ctx.scope, [id]))[0]!;
  });
}

/** Submits a claim: eligibility is stored line by line, then the rules approve, reject or route it to an adjuster. */
export async function submitClaim(ctx: CommandContext, id: string): Promise<ClaimRow> {
  assertFiler(ctx, 'submitClaim');
  return ctx.store.transaction(async (tx) => {
    let claim = await lockClaim(tx, ctx, id);
    const lines = await linesByClaimIds(tx, [id]);
    const facts = lines.map(factsOfLine);
    const faultCodes = [...new Set(lines.map((l) => l.fault_code))];
    const checked = await check(tx, claim.asset_id, { failureDate: claim.failure_date, mileage: claim.mileage }, facts);
    for (const [i, line] of lines.entries()) {
      const result = checked.lines[i]!;
      await updateLine(tx, line.id, {
        eligibility: result.eligibility,
        eligibility_reasons: result.reasons,
        allowed_amount: fromCents(result.allowedCents),
        covered_percent: fromCents(result.coveredPercent),
        covered_amount: fromCents(result.coveredCents),
        asset_warranty_id: result.assetWarrantyId,
        status: 'OPEN',
        approved_amount: null,
        decision_reason: null,
        decided_by: null,
      });
    }
    await summariseCoverages(tx, id, checked);
    claim = await moveClaim(tx, ctx, claim, 'SUBMITTED', {
      changes: { submitted_at: new Date(), claimed_amount: fromCents(checked.claimedCents), covered_amount: fromCents(checked.payableCents), deductible: fromCents(checked.deductibleCents), information_request: null, approved_amount: null },
    });

    const policy = await readPolicy(tx);
    const earlier = await earlierClaimsForFaults(tx, id, claim.asset_id, faultCodes, claim.failure_date, policy.repeat_repair_days);
    const repeats: RepeatRepair[] = earlier.map((e) => ({ faultCode: e.fault, claimNumber: e.number, daysBefore: daysBetween(e.failure_date, claim.failure_date) }));
    const outcome = adjudicateByRules(checked, faultCodes, { autoApproveLimit: policy.auto_approve_limit, reviewFaultCodes: policy.review_fault_codes, repeatRepairDays: policy.repeat_repair_days, capOverLimit: policy.cap_over_limit }, repeats);
    for (const [i, line] of lines.entries()) {
      const decided = outcome.lines[i]!;
      if (decided.status === 'OPEN') continue;
      await updateLine(tx, line.id, { status: decided.status, approved_amount: fromCents(decided.approvedCents ?? 0n), decision_reason: decided.reason, decided_by: 'rules' });
    }
    const decidedByRules = outcome.status !== 'MANUAL_REVIEW_NEEDED';
    await moveClaim(tx, ctx, claim, outcome.status, {
      reason: outcome.status === 'MANUAL_REVIEW_NEEDED' ? outcome.reviewReasons.join('; ') : outcome.status === 'REJECTED' ? 'no line is covered' : 'approved by the rules',
      changes: {
        review_reasons: outcome.reviewReasons,
        approved_amount: outcome.approvedCents === null ? null : fromCents(outcome.approvedCents),
        ...(decidedByRules ? { decided_at: new Date(), decided_by: 'rules' } : {}),
      },
    });
    return (await claimsByIds(tx, ctx.scope, [id]))[0]!;
  });
}

/** A claim's eligibility, checked but not saved: the lines, the totals, the warranties in force on the failure date. */
export interface EligibilityResult {
  checked: CheckedClaim;
  warrantyIds: string[];
}

/** What a claim would be paid if submitted now; nothing is saved. */
export async function checkEligibility(ctx: CommandContext, input: ClaimInput): Promise<EligibilityResult> {
  assertFiler(ctx, 'claimEligibility');
  await ensureAsset(ctx, input.assetId);
  const { catalogue } = await readCodeBook(ctx.store);
  const facts = claimFactsFrom(input, catalogue, today(ctx));
  const checked = await check(ctx.store, facts.assetId, { failureDate: facts.failureDate, mileage: facts.mileage }, facts.lines);
  const warranties = await warrantiesOnAsset(ctx.store, facts.assetId);
  return { checked, warrantyIds: warranties.filter((w) => w.startDate <= facts.failureDate).map((w) => w.id) };
}

async function check(db: Queryable, assetId: string, facts: { failureDate: string; mileage: number }, lines: readonly ClaimLineFacts[]): Promise<CheckedClaim> {
  const { book } = await readCodeBook(db);
  return checkClaim(lines, facts, await warrantiesOnAsset(db, assetId), book);
}

/** Each fault's coverage takes the warranty that pays most of its lines (Standard or Extended), and its totals. */
async function summariseCoverages(tx: Queryable, claimId: string, checked: CheckedClaim): Promise<void> {
  const coverages = await coveragesByClaimIds(tx, [claimId]);
  const lines = await linesByClaimIds(tx, [claimId]);
  const types = new Map((await tx.query<{ id: string; type: string }>('select id, type from asset_warranties where id = any($1)', [checked.lines.flatMap((l) => (l.assetWarrantyId ? [l.assetWarrantyId] : []))])).map((w) => [w.id, w.type]));
  for (const coverage of coverages) {
    const mine = checked.lines.filter((_, i) => lines[i]!.coverage_id === coverage.id);
    const paying = new Map<string, bigint>();
    for (const line of mine) if (line.assetWarrantyId) paying.set(line.assetWarrantyId, (paying.get(line.assetWarrantyId) ?? 0n) + line.coveredCents);
    const main = [...paying].sort((a, b) => (a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1))[0]?.[0] ?? null;
    await updateCoverage(tx, coverage.id, {
      asset_warranty_id: main,
      coverage_type: main === null ? 'NONE' : types.get(main) === 'EXTENDED' ? 'EXTENDED' : 'STANDARD',
      claimed_amount: fromCents(mine.reduce((s, l) => s + l.claimedCents, 0n)),
      status: 'OPEN',
      approved_amount: null,
    });
  }
}

/** Rewrites a claim's coverages (one per fault, in the order given) and lines. */
async function writeLines(tx: Queryable, claimId: string, itemId: string, facts: ClaimFactsInput, descriptions: (string | null)[], byCode: Map<string, CodeRow>, newId: () => string): Promise<void> {
  const coverageOf = new Map(facts.faultCodes.map((code) => [code, newId()]));
  const coverages = facts.faultCodes.map((code, position) => ({ id: coverageOf.get(code)!, claim_id: claimId, claim_item_id: itemId, fault_code_id: byCode.get(`FAULT:${code}`)!.id, position, claimed_amount: '0' }));
  const lines = facts.lines.map((line, i) => ({
    id: newId(),
    claim_id: claimId,
    coverage_id: coverageOf.get(line.faultCode!)!,
    line_number: line.lineNumber,
    charge_type: line.chargeType,
    code: line.code,
    code_id: line.chargeType === 'PART' ? null : (byCode.get(`${line.chargeType}:${line.code}`)?.id ?? null),
    description: descriptions[i] ?? null,
    quantity: line.quantity,
    unit_price: line.unitPrice,
    claimed_amount: fromCents(lineAmountCents(line.quantity, line.unitPrice)),
  }));
  await replaceLines(tx, claimId, coverages, lines);
  await updateClaimRow(tx, claimId, { claimed_amount: fromCents(lines.reduce((s, l) => s + lineAmountCents(l.quantity, l.unit_price), 0n)) });
}

function factsOfLine(line: { line_number: number; charge_type: ClaimLineFacts['chargeType']; code: string; fault_code: string; quantity: string; unit_price: string }): ClaimLineFacts {
  return { lineNumber: line.line_number, chargeType: line.charge_type, code: line.code, faultCode: line.fault_code, quantity: line.quantity, unitPrice: line.unit_price };
}

/**
 * Makes sure warranty knows the asset a claim names: an asset CPQ delivered is learned from its order's activation,
 * and when that has not arrived yet, asked of CPQ through the graph (and registered with its warranties) now.
 */
async function ensureAsset(ctx: CommandContext, assetId: string): Promise<void> {
  const [known] = await assetsByIds(ctx.store, [assetId]);
  if (known?.product_id || (known && !ctx.assets)) return;
  if (!ctx.assets) throw notFound('Asset', assetId, 'input.assetId');
  let found;
  try {
    found = await ctx.assets.assets([assetId]);
  } catch (error) {
    ctx.logger?.warn({ err: error, assetId }, 'CPQ did not answer for an asset');
    if (known) return;
    throw conflict(`asset ${assetId} is not known here yet and CPQ did not answer; try again shortly`, { rule: 'ASSET_DIRECTORY_UNAVAILABLE', field: 'input.assetId' });
  }
  if (found.length === 0) {
    if (known) return;
    throw notFound('Asset', assetId, 'input.assetId');
  }
  await registerAssets(ctx.store, found, idSource(ctx));
}
