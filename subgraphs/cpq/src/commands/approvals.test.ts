import { afterEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { approvalsByQuoteIds } from '../store/approvals.ts';
import { linesByQuoteIds } from '../store/quotes.ts';
import type { ApprovalRow } from '../store/rows.ts';
import { as, createApprovalRules, createCatalogue, FakeCrm, MUNICH, openCpqStore, partnerOf, person, recordedEvents, staff, type ApprovalSetUp } from '../testing/fixtures.ts';
import { approveApproval, recallQuote, rejectApproval, submitQuote } from './approvals.ts';
import { clearApproverDelegation, setApproverDelegation } from './approvalSetup.ts';
import { pendingApprovals } from './pendingApprovals.ts';
import { previewApprovals } from './previewApprovals.ts';
import { createQuote, updateQuoteLine } from './quotes.ts';
import { replaceApprover } from './replaceApprover.ts';

let store: DisposableStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code: string; message: string; details: Record<string, unknown> }) => ({ code: error.code, message: error.message, details: error.details }),
  );
}

const day = (date: string) => new Date(`${date}T09:00:00Z`);

let people: ApprovalSetUp;
let crm: FakeCrm;
async function setUp() {
  store = await openCpqStore();
  await createCatalogue(store);
  people = await createApprovalRules(store);
  crm = new FakeCrm();
  crm.addOpportunity('opp-1', MUNICH);
  return { seller: as(store, partnerOf(MUNICH), { crm, now: day('2026-11-23') }) };
}

/** Runs a command as the person with this subject (an approver, a delegate), on a given day. */
const asPerson = (subject: string, date = '2026-11-23') => as(store!, person(subject), { now: day(date) });

async function approvals(quoteId: string, submission?: number): Promise<ApprovalRow[]> {
  const all = await approvalsByQuoteIds(store!, [quoteId]);
  const latest = submission ?? Math.max(...all.map((a) => a.submission));
  return all.filter((a) => a.submission === latest);
}

function named(rows: ApprovalRow[]) {
  const names = new Map(Object.values(people).map((p) => [p.id, p.name]));
  return rows.map((a) => [a.level, a.approver_id ? names.get(a.approver_id) : 'Finance (any)', a.status, a.via_smart_approval]);
}

describe('submitting for approval', () => {
  it('approves at once when no rule applies', async () => {
    const { seller } = await setUp();
    const quote = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'A-MAT-AW', quantity: 2 }] });
    expect((await previewApprovals(seller, quote.id)).required).toBe(false);
    expect((await submitQuote(seller, quote.id)).status).toBe('APPROVED');
    expect(await approvals(quote.id)).toEqual([]);
  });

  it('previews exactly what submission asks for, level by level, with the reasons in words', async () => {
    const { seller } = await setUp();
    // 3 vans with 25 % off (net 92,700) and an Arco GT at list: discount 15.29 %, net 171,200.
    const quote = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 3, discountPercent: '25' }, { productCode: 'V-ARC-GT', quantity: 1 }] });
    const preview = await previewApprovals(seller, quote.id);
    expect(preview.required).toBe(true);
    expect(preview.steps.map((s) => [s.level, s.approver_id ?? s.group_id, s.reasons, s.carried_over])).toEqual([
      [1, people.manager.id, ['quote discount 15.29 % is greater than 10 %', 'quote discount 15.29 % is at most 20 %'], false],
      [1, people.productManager.id, ['line V-ARC-GT (Arco GT): product family Arco is Arco'], false],
      [2, expect.any(String), ['quote net amount 171200.00 is greater than 100000'], false],
    ]);
    const submitted = await submitQuote(seller, quote.id);
    expect(submitted).toMatchObject({ status: 'IN_REVIEW', submission: 1 });
    const rows = await approvals(quote.id);
    expect(rows.map((a) => [a.level, a.rule_id, a.approver_id ?? a.group_id])).toEqual(preview.steps.map((s) => [s.level, s.rule_id, s.approver_id ?? s.group_id]));
    expect(named(rows)).toEqual([
      [1, 'Maria Manager', 'REQUESTED', false],
      [1, 'Pia Product', 'REQUESTED', false],
      [2, 'Finance (any)', 'ASSIGNED', false],
    ]);
    const events = (await recordedEvents(store!)).filter((e) => e.type === 'ApprovalRequested');
    expect(events.map((e) => e.changes['approverId'])).toEqual([people.manager.id, people.productManager.id]);
    expect(events[0]!.dealer_ids).toEqual([MUNICH]);
  });

  it('asks the next level once every approver of the level approved, then approves the quote', async () => {
    const { seller } = await setUp();
    const quote = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 3, discountPercent: '25' }, { productCode: 'V-ARC-GT', quantity: 1 }] });
    await submitQuote(seller, quote.id);
    const [manager, product, finance] = await approvals(quote.id);
    await approveApproval(asPerson('maria'), manager!.id, 'fleet customer');
    expect(named(await approvals(quote.id)).map((a) => a[2])).toEqual(['APPROVED', 'REQUESTED', 'ASSIGNED']);
    expect(await failure(approveApproval(asPerson('carl'), finance!.id, null))).toMatchObject({ code: 'CONFLICT', details: { rule: 'APPROVAL_NOT_REQUESTED', status: 'ASSIGNED' } });
    await approveApproval(asPerson('pia'), product!.id, null);
    expect(named(await approvals(quote.id)).map((a) => a[2])).toEqual(['APPROVED', 'APPROVED', 'REQUESTED']);
    expect((await pendingApprovals(asPerson('carl'))).map((a) => a.id)).toEqual([finance!.id]);
    const decided = await approveApproval(asPerson('carl'), finance!.id, null);
    expect(decided).toMatchObject({ status: 'APPROVED', decided_by: people.controller.id, decided_by_subject: 'carl' });
    expect((await seller.store.query<{ status: string }>('select status from quotes where id = $1', [quote.id]))[0]!.status).toBe('APPROVED');
    expect((await recordedEvents(store!)).map((e) => e.type)).toContain('QuoteApproved');
  });

  it('rejects the quote when one of parallel approvers rejects, revoking the rest, and keeps the comment', async () => {
    const { seller } = await setUp();
    const quote = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 3, discountPercent: '25' }, { productCode: 'V-ARC-GT', quantity: 1 }] });
    await submitQuote(seller, quote.id);
    const [manager, product] = await approvals(quote.id);
    await approveApproval(asPerson('maria'), manager!.id, null);
    expect(await failure(rejectApproval(asPerson('pia'), product!.id, '  '))).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'comment' } });
    await rejectApproval(asPerson('pia'), product!.id, 'no Arco at this discount');
    expect(named(await approvals(quote.id))).toEqual([
      [1, 'Maria Manager', 'APPROVED', false],
      [1, 'Pia Product', 'REJECTED', false],
      [2, 'Finance (any)', 'REVOKED', false],
    ]);
    expect((await approvals(quote.id))[1]).toMatchObject({ comment: 'no Arco at this discount' });
    expect((await seller.store.query<{ status: string }>('select status from quotes where id = $1', [quote.id]))[0]!.status).toBe('REJECTED');
    expect((await recordedEvents(store!)).filter((e) => e.type === 'QuoteRejected')[0]).toMatchObject({ changes: { comment: 'no Arco at this discount' } });
  });
});

describe('smart approvals', () => {
  it('skip, on resubmission after a rejection, the approvals whose conditions’ inputs did not change', async () => {
    const { seller } = await setUp();
    const quote = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 3, discountPercent: '25' }, { productCode: 'V-ARC-GT', quantity: 1 }] });
    await submitQuote(seller, quote.id);
    const [manager, product, finance] = await approvals(quote.id);
    await approveApproval(asPerson('maria'), manager!.id, null);
    await approveApproval(asPerson('pia'), product!.id, null);
    await rejectApproval(asPerson('clara'), finance!.id, 'resubmit once the customer’s credit check is in');

    // Nothing changed: the manager and the product manager are not asked again; finance is.
    const preview = await previewApprovals(seller, quote.id);
    expect(preview.steps.map((s) => s.carried_over)).toEqual([true, true, false]);
    const resubmitted = await submitQuote(seller, quote.id);
    expect(resubmitted).toMatchObject({ status: 'IN_REVIEW', submission: 2 });
    expect(named(await approvals(quote.id))).toEqual([
      [1, 'Maria Manager', 'APPROVED', true],
      [1, 'Pia Product', 'APPROVED', true],
      [2, 'Finance (any)', 'REQUESTED', false],
    ]);
    expect((await approvals(quote.id))[0]).toMatchObject({ decided_by: people.manager.id });
    const submitted = (await recordedEvents(store!)).filter((e) => e.type === 'QuoteSubmitted').at(-1)!;
    expect(submitted.changes).toMatchObject({ submission: 2, approvals: 3, carriedBySmartApproval: 2 });
  });

  it('ask again for an approval whose inputs changed, here the quote discount after a line changed', async () => {
    const { seller } = await setUp();
    const quote = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 3, discountPercent: '25' }, { productCode: 'V-ARC-GT', quantity: 1 }] });
    await submitQuote(seller, quote.id);
    const [manager, product, finance] = await approvals(quote.id);
    await approveApproval(asPerson('maria'), manager!.id, null);
    await approveApproval(asPerson('pia'), product!.id, null);
    await rejectApproval(asPerson('carl'), finance!.id, 'too deep');
    const [vans] = await linesByQuoteIds(store!, [quote.id]);
    const revised = await updateQuoteLine(seller, vans!.id, { discountPercent: '24' });
    expect(revised.status).toBe('DRAFT');
    await submitQuote(seller, quote.id);
    expect(named(await approvals(quote.id))).toEqual([
      [1, 'Maria Manager', 'REQUESTED', false],
      [1, 'Pia Product', 'APPROVED', true],
      [2, 'Finance (any)', 'ASSIGNED', false],
    ]);
  });

  it('carry approvals given before a recall; what was not decided is revoked and asked again', async () => {
    const { seller } = await setUp();
    const quote = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 3, discountPercent: '25' }, { productCode: 'V-ARC-GT', quantity: 1 }] });
    await submitQuote(seller, quote.id);
    const [manager] = await approvals(quote.id);
    await approveApproval(asPerson('maria'), manager!.id, null);
    expect((await recallQuote(seller, quote.id, 'customer wants another colour')).status).toBe('DRAFT');
    expect(named(await approvals(quote.id)).map((a) => a[2])).toEqual(['APPROVED', 'REVOKED', 'REVOKED']);
    await submitQuote(seller, quote.id);
    expect(named(await approvals(quote.id))).toEqual([
      [1, 'Maria Manager', 'APPROVED', true],
      [1, 'Pia Product', 'REQUESTED', false],
      [2, 'Finance (any)', 'ASSIGNED', false],
    ]);
  });
});

describe('delegation', () => {
  it('lets the delegate decide within the dates, not before or after them', async () => {
    const { seller } = await setUp();
    await setApproverDelegation(asPerson('maria'), people.manager.id, { delegateId: people.deputy.id, start: '2026-12-01', end: '2026-12-14' });
    const quote = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 1, discountPercent: '15' }] });
    await submitQuote(seller, quote.id);
    const [approval] = await approvals(quote.id);
    expect(await failure(approveApproval(asPerson('dan', '2026-11-30'), approval!.id, null))).toEqual({
      code: 'FORBIDDEN',
      message: 'delegation is not in effect: Dan Deputy stands in for Maria Manager from 2026-12-01 to 2026-12-14, not on 2026-11-30',
      details: {},
    });
    expect(await failure(approveApproval(asPerson('dan', '2026-12-15'), approval!.id, null))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await pendingApprovals(asPerson('dan', '2026-11-30'))).toEqual([]);
    expect((await pendingApprovals(asPerson('dan', '2026-12-14'))).map((a) => a.id)).toEqual([approval!.id]);
    const decided = await approveApproval(asPerson('dan', '2026-12-14'), approval!.id, 'for Maria');
    expect(decided).toMatchObject({ status: 'APPROVED', decided_by: people.deputy.id, decided_as_delegate: true });
  });

  it('only the approver or staff set a delegation, and nobody else decides', async () => {
    const { seller } = await setUp();
    expect(await failure(setApproverDelegation(as(store!, { subject: 'dan', roles: ['engineer'], dealerAccountId: null }), people.manager.id, { delegateId: people.deputy.id, start: '2026-12-01', end: '2026-12-02' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(setApproverDelegation(asPerson('maria'), people.manager.id, { delegateId: people.manager.id, start: '2026-12-01', end: '2026-12-02' }))).toMatchObject({ details: { field: 'input.delegateId' } });
    expect(await failure(setApproverDelegation(asPerson('maria'), people.manager.id, { delegateId: people.deputy.id, start: '2026-12-02', end: '2026-12-01' }))).toMatchObject({ details: { field: 'input.end' } });
    await setApproverDelegation(as(store!, staff), people.manager.id, { delegateId: people.deputy.id, start: '2026-11-01', end: '2026-12-31' });
    await clearApproverDelegation(asPerson('maria'), people.manager.id);
    const quote = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 1, discountPercent: '15' }] });
    await submitQuote(seller, quote.id);
    const [approval] = await approvals(quote.id);
    expect(await failure(approveApproval(asPerson('dan'), approval!.id, null))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('this approval is for Maria Manager') });
    expect(await failure(approveApproval(seller, approval!.id, null))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('approveApproval needs one of the roles staff, sf_admin') });
  });
});

describe('replacing an approver', () => {
  it('replaces them in every rule, chain, group and pending approval in one action', async () => {
    const { seller } = await setUp();
    // Two quotes waiting on the manager: one asked now, one at level 1 of the deep-discount chain.
    const first = await createQuote(seller, { opportunityId: 'opp-1', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 1, discountPercent: '15' }] });
    await submitQuote(seller, first.id);
    crm.addOpportunity('opp-2', MUNICH);
    const second = await createQuote(seller, { opportunityId: 'opp-2', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 1, discountPercent: '30' }] });
    await submitQuote(seller, second.id);
    const decidedBefore = await createQuote(seller, { opportunityId: 'opp-2', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 1, discountPercent: '12' }] });
    await submitQuote(seller, decidedBefore.id);
    await approveApproval(asPerson('maria'), (await approvals(decidedBefore.id))[0]!.id, null);
    // The manager is also in the finance group, to see memberships move.
    await store!.query('insert into approval_group_members (group_id, approver_id) select id, $1 from approval_groups', [people.manager.id]);

    const result = await replaceApprover(as(store!, staff), people.manager.id, people.deputy.id);
    expect({ rules: result.rules, chainEntries: result.chain_entries, groupMemberships: result.group_memberships, pendingApprovals: result.pending_approvals }).toEqual({
      rules: 1,
      chainEntries: 1,
      groupMemberships: 1,
      pendingApprovals: 2,
    });
    const everywhere = await store!.query<{ n: number }>(
      `select ((select count(*) from approval_rules where approver_id = $1) + (select count(*) from approval_chain_entries where approver_id = $1)
        + (select count(*) from approval_group_members where approver_id = $1) + (select count(*) from approvals where approver_id = $1 and status in ('ASSIGNED', 'REQUESTED')))::int as n`,
      [people.manager.id],
    );
    expect(everywhere[0]!.n).toBe(0);
    expect((await approvals(decidedBefore.id))[0]).toMatchObject({ approver_id: people.manager.id, status: 'APPROVED' });
    const [waiting] = await approvals(first.id);
    expect(await failure(approveApproval(asPerson('maria'), waiting!.id, null))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await approveApproval(asPerson('dan'), waiting!.id, null)).toMatchObject({ status: 'APPROVED', decided_by: people.deputy.id, decided_as_delegate: false });
    const reassigned = (await recordedEvents(store!)).filter((e) => e.type === 'ApprovalReassigned');
    expect(reassigned).toHaveLength(2);
    // New quotes now ask the replacement.
    crm.addOpportunity('opp-3', MUNICH);
    const later = await createQuote(seller, { opportunityId: 'opp-3', lines: [{ productCode: 'V-TRA-CARGOL2H2', quantity: 1, discountPercent: '15' }] });
    expect((await previewApprovals(seller, later.id)).steps.map((s) => s.approver_id)).toEqual([people.deputy.id]);
  });
});
