import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { adjuster, as, HAMBURG, lyra, MUNICH, openWarrantyTestStore, partnerOf, seedBook, staff } from '../testing/fixtures.ts';
import { adjudicateClaim, recordClaimPayment, requestClaimInformation, setAdjudicationPolicy, startClaimReview } from './adjudication.ts';
import { extendAssetWarranty, voidAssetWarranty } from './assetWarranties.ts';
import { createClaim, submitClaim, updateClaim, type ClaimInput } from './claims.ts';
import { claimsByIds, historyByClaimIds, linesByClaimIds } from '../store/claims.ts';
import { warrantiesByAssetIds } from '../store/coverage.ts';

/**
 * Claims on the store, as dealers and adjusters make them: eligibility stored line by line, rules adjudicating at
 * submission, an adjuster deciding what they route, payment; every status change in the history and the outbox.
 */

describe.each(['pglite', 'postgres'] as const)('on %s', (driver) => {
  const today = new Date('2026-06-15T10:00:00Z');
  let store: DisposableStore;
  let asset = 'asset-0';
  let assets = 0;

  beforeAll(async () => {
    store = await openWarrantyTestStore(driver);
    await seedBook(store);
  });
  afterAll(() => store?.close());
  // Each test claims on a vehicle of its own (sold 2024-03-01: parts 36 months, labor 24), under the default policy.
  beforeEach(async () => {
    asset = `asset-${++assets}`;
    await lyra(store, asset, MUNICH, '2024-03-01');
    await setAdjudicationPolicy(as(store, staff), { autoApproveLimit: '500.00', reviewFaultCodes: [], repeatRepairDays: 30, capOverLimit: false });
  });

  const munich = () => as(store, partnerOf(MUNICH), today);
  const input = (overrides: Partial<ClaimInput> = {}): ClaimInput => ({
    assetId: asset,
    failureDate: '2025-06-20',
    mileage: 31_000,
    faultCodes: ['P0300'],
    lines: [
      { chargeType: 'PART', code: 'IGN-COIL', quantity: '2', unitPrice: '84.50' },
      { chargeType: 'LABOR', code: 'L-100', quantity: '1.5' },
    ],
    ...overrides,
  });

  async function events(claimId: string): Promise<{ type: string; dealer_ids: string[]; changes: Record<string, unknown> }[]> {
    return store.query("select type, dealer_ids, changes from outbox where type = 'ClaimStatusChanged' and entity_id = $1 order by id", [claimId]);
  }

  describe('claims adjudicated by rules', () => {
    it('approves a covered claim under the limit the moment it is submitted, less the deductible, and tells the dealer', async () => {
      const draft = await createClaim(munich(), input());
      expect(draft).toMatchObject({ status: 'DRAFT', dealer_id: MUNICH, claimed_amount: '304.00' });
      const claim = await submitClaim(munich(), draft.id);
      expect(claim).toMatchObject({ status: 'APPROVED', covered_amount: '254.00', deductible: '50.00', approved_amount: '254.00', decided_by: 'rules' });
      const lines = await linesByClaimIds(store, [claim.id]);
      expect(lines.map((l) => [l.eligibility, l.status, l.approved_amount])).toEqual([['ELIGIBLE', 'APPROVED', '169.00'], ['ELIGIBLE', 'APPROVED', '135.00']]);
      expect((await historyByClaimIds(store, [claim.id])).map((h) => `${h.from_status ?? '-'}>${h.to_status}`)).toEqual(['->DRAFT', 'DRAFT>SUBMITTED', 'SUBMITTED>APPROVED']);
      expect(await events(claim.id)).toEqual([
        { type: 'ClaimStatusChanged', dealer_ids: [MUNICH], changes: { claimNumber: claim.number, assetId: asset, status: { from: 'DRAFT', to: 'SUBMITTED' } } },
        { type: 'ClaimStatusChanged', dealer_ids: [MUNICH], changes: { claimNumber: claim.number, assetId: asset, status: { from: 'SUBMITTED', to: 'APPROVED' }, approvedAmount: '254.00', reason: 'approved by the rules' } },
      ]);
    });

    it('rejects ineligible lines with their reason: labor expired after 24 months, excluded brake pads, over the mileage', async () => {
      const late = await submitClaim(munich(), (await createClaim(munich(), input({ failureDate: '2026-04-01', lines: [{ chargeType: 'LABOR', code: 'L-100', quantity: '1.5' }, { chargeType: 'PART', code: 'BRK-PAD', quantity: '1', unitPrice: '120.00' }] }))).id);
      expect(late.status).toBe('REJECTED');
      const lines = await linesByClaimIds(store, [late.id]);
      expect(lines.map((l) => [l.status, l.eligibility_reasons[0]?.code])).toEqual([['REJECTED', 'EXPIRED_BY_TIME'], ['REJECTED', 'EXCLUDED']]);
      expect(lines[0]!.decision_reason).toMatch(/^AW-\d{6}: covered labor until 2026-02-28; the failure was on 2026-04-01$/);
      const far = await submitClaim(munich(), (await createClaim(munich(), input({ mileage: 64_000 }))).id);
      expect(far.status).toBe('REJECTED');
      expect((await linesByClaimIds(store, [far.id]))[0]!.decision_reason).toMatch(/^AW-\d{6}: covers up to 60,000 of mileage; the vehicle had 64,000$/);
    });

    it('covers nothing after a void date, and again once an extension carries the warranty further', async () => {
      const [warranty] = await warrantiesByAssetIds(store, [asset]);
      const extended = await extendAssetWarranty(as(store, staff), warranty!.id, { months: 24, mileage: 40_000, reason: 'goodwill: powertrain campaign' });
      expect(extended).toMatchObject({ parts_end_date: '2029-02-28', labor_end_date: '2028-02-29', mileage_limit: 100_000 });
      const covered = await submitClaim(munich(), (await createClaim(munich(), input({ mileage: 80_000 }))).id);
      expect(covered.status).toBe('APPROVED');
      await voidAssetWarranty(as(store, staff), warranty!.id, { condition: 'ODOMETER_TAMPERING', voidDate: '2025-05-01', reason: 'odometer replaced without record' });
      const voided = await submitClaim(munich(), (await createClaim(munich(), input())).id);
      expect(voided.status).toBe('REJECTED');
      expect((await linesByClaimIds(store, [voided.id]))[0]!.eligibility_reasons[0]).toMatchObject({ code: 'VOIDED', message: `${warranty!.number}: void from 2025-05-01 (odometer tampering: odometer replaced without record); the failure was on 2025-06-20` });
    });

    it('routes to an adjuster what it cannot settle, naming why', async () => {
      const routed = await submitClaim(munich(), (await createClaim(munich(), input({ lines: [{ chargeType: 'LABOR', code: 'L-100', quantity: '3', unitPrice: '95.00' }, { chargeType: 'EXPENSE', code: 'TOW', unitPrice: '180.00' }] }))).id);
      expect(routed.status).toBe('MANUAL_REVIEW_NEEDED');
      expect(routed.approved_amount).toBeNull();
      expect(routed.review_reasons).toEqual([
        'line 1 is over the book: 3.00 h claimed for L-100; the book allows 1.50 h for fault P0300; rate 95.00 claimed for L-100; the book pays 90.00 an hour',
        'line 2 is over the book: 180.00 claimed for TOW; its limit is 150.00',
      ]);
      const repeat = await submitClaim(munich(), (await createClaim(munich(), input({ failureDate: '2025-07-02' }))).id);
      expect(repeat.review_reasons).toEqual([expect.stringMatching(/^fault P0300 was claimed on this asset 12 days before \(CL-\d{6}\)$/)]);
    });
  });

  describe('claims adjudicated by an adjuster', () => {
    it('takes, asks, gets the correction, adjusts with a reason, approves, and the payment is recorded', async () => {
      await setAdjudicationPolicy(as(store, staff), { autoApproveLimit: '100.00', reviewFaultCodes: [], repeatRepairDays: 30, capOverLimit: false });
      const claim = await submitClaim(munich(), (await createClaim(munich(), input())).id);
      expect(claim.status).toBe('MANUAL_REVIEW_NEEDED');
      await expect(startClaimReview(as(store, staff), claim.id)).rejects.toThrow('startClaimReview needs one of the roles warranty_adjuster; caller has staff');
      await startClaimReview(as(store, adjuster), claim.id);
      await requestClaimInformation(as(store, adjuster), claim.id, 'Send the misfire freeze-frame data, please');
      await expect(updateClaim(as(store, partnerOf(HAMBURG), today), claim.id, input())).rejects.toThrow(/Claim .* was not found/);
      await updateClaim(munich(), claim.id, input({ description: 'Freeze frame: cylinder 3 misfire at 2,400 rpm' }));
      const resubmitted = await submitClaim(munich(), claim.id);
      expect(resubmitted.status).toBe('MANUAL_REVIEW_NEEDED');
      const [coil, labor] = await linesByClaimIds(store, [claim.id]);
      await expect(adjudicateClaim(as(store, adjuster), claim.id, { lines: [{ lineId: coil!.id, decision: 'APPROVE' }] })).rejects.toThrow('lines 2 are still open');
      const decided = await adjudicateClaim(as(store, adjuster), claim.id, {
        lines: [{ lineId: coil!.id, decision: 'APPROVE' }, { lineId: labor!.id, decision: 'ADJUST', amount: '90.00', reason: 'one hour is enough for two coils' }],
        comment: 'approved with labor adjusted',
      });
      expect(decided).toMatchObject({ status: 'APPROVED', approved_amount: '209.00', decided_by: 'adjuster-1' });
      await expect(recordClaimPayment(as(store, adjuster), claim.id, { amount: '259.00', paidOn: '2026-06-20', reference: 'PAY-1' })).rejects.toThrow('must be the approved amount of claim');
      const paid = await recordClaimPayment(as(store, adjuster), claim.id, { amount: '209.00', paidOn: '2026-06-20', reference: 'PAY-1' });
      expect(paid).toMatchObject({ status: 'PAID', paid_amount: '209.00', is_closed: true });
      expect((await historyByClaimIds(store, [claim.id])).map((h) => h.to_status)).toEqual(['DRAFT', 'SUBMITTED', 'MANUAL_REVIEW_NEEDED', 'UNDER_REVIEW', 'REQUESTED_INFORMATION', 'SUBMITTED', 'MANUAL_REVIEW_NEEDED', 'APPROVED', 'PAID']);
      expect((await events(claim.id)).map((e) => (e.changes['status'] as { to: string }).to)).toEqual(['SUBMITTED', 'MANUAL_REVIEW_NEEDED', 'UNDER_REVIEW', 'REQUESTED_INFORMATION', 'SUBMITTED', 'MANUAL_REVIEW_NEEDED', 'APPROVED', 'PAID']);
    });

    it('keeps every dealer to its own claims, and refuses bad input naming the field', async () => {
      const claim = await createClaim(munich(), input());
      expect(await claimsByIds(store, { kind: 'dealer', dealerAccountId: HAMBURG }, [claim.id])).toEqual([]);
      await expect(submitClaim(as(store, partnerOf(HAMBURG), today), claim.id)).rejects.toThrow(/was not found/);
      await expect(createClaim(munich(), input({ dealerId: HAMBURG }))).rejects.toThrow(/a partner files for its own dealer only/);
      await expect(createClaim(munich(), input({ failureDate: '2026-07-01' }))).rejects.toThrow('input.failureDate: must not be after today (2026-06-15) (got "2026-07-01")');
      await expect(createClaim(munich(), input({ lines: [{ chargeType: 'LABOR', code: 'L-999', quantity: '1' }] }))).rejects.toThrow('input.lines[0].code: must be an active labor operation code (got "L-999")');
      await expect(createClaim(munich(), input({ faultCodes: ['X1'] }))).rejects.toThrow('input.faultCodes[0]: must be an active fault code (got "X1")');
      await expect(createClaim(munich(), input({ assetId: 'asset-unknown' }))).rejects.toThrow('input.assetId: Asset "asset-unknown" was not found');
      const approved = await submitClaim(munich(), claim.id);
      await expect(updateClaim(munich(), approved.id, input())).rejects.toThrow(/only claims in DRAFT or REQUESTED_INFORMATION can be changed/);
    });
  });
});
