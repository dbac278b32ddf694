import { isoDate } from '@l2c/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TestConnection } from '@l2c/gateway/subscriptions/testClient';
import { ok, startStack, type Stack } from './harness.ts';

/**
 * Warranty through the gateway, on the real stack: a vehicle sold and delivered in CPQ (an activated order) gets its
 * warranty in the warranty subgraph from CPQ's event, visible on CPQ's `Asset` through federation; the selling dealer
 * files a claim, the rules route it, an adjuster approves it, and the dealer's subscription hears every status change
 * while another dealer hears and sees nothing. Sales reports are uploaded as CSV through the gateway's uploads.
 */

let stack: Stack;
let staff: string;
let adjuster: string;
let munich: string;
let hamburg: string;
let munichPartner: string;
let hamburgPartner: string;
let assetId: string;
const today = isoDate(new Date());
const connections: TestConnection[] = [];

beforeAll(async () => {
  stack = await startStack({ subscriptions: {}, warranty: {} });
  staff = await stack.token('staff');
  adjuster = await stack.tokenFor('e2e-adjuster', ['warranty_adjuster']);
  const dealer = async (name: string, dealerCode: string) =>
    ok(await stack.graphql<{ createAccount: { id: string } }>(staff, 'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }', { input: { name, type: 'DEALER', dealerCode } })).createAccount.id;
  munich = await dealer('Autohaus München', 'MUC-01');
  hamburg = await dealer('Autohaus Hamburg', 'HAM-01');
  munichPartner = await stack.token('partner', munich);
  hamburgPartner = await stack.token('partner', hamburg);

  // The catalogue (CPQ) and the book and coverage (warranty), set up by the OEM's staff through the graph.
  const { priceBooks } = ok(await stack.graphql<{ priceBooks: { id: string; isStandard: boolean }[] }>(staff, '{ priceBooks { id isStandard } }'));
  const { createProduct } = ok(await stack.graphql<{ createProduct: { id: string } }>(staff, 'mutation { createProduct(input: { code: "V-LYRA", name: "Lyra 1.6 Hybrid", category: VEHICLE, family: "Lyra" }) { id } }'));
  ok(await stack.graphql(staff, 'mutation($book: ID!, $product: ID!) { setPrice(priceBookId: $book, productId: $product, unitPrice: "38990.00") { id } }', { book: priceBooks.find((b) => b.isStandard)!.id, product: createProduct.id }));
  ok(await stack.graphql(staff, 'mutation { defineCode(input: { kind: FAULT, code: "P0300", name: "Random misfire" }) { id } }'));
  ok(await stack.graphql(staff, 'mutation { defineCode(input: { kind: LABOR, code: "L-100", name: "Replace ignition coils", standardHours: "2.00", rate: "90.00" }) { id } }'));
  ok(await stack.graphql(staff, 'mutation { mapFaultToLabor(faultCode: "P0300", laborCode: "L-100", hours: "1.50") { id } }'));
  const { createWarrantyTerm } = ok(await stack.graphql<{ createWarrantyTerm: { id: string } }>(staff, 'mutation { createWarrantyTerm(input: { code: "BASIC-36", name: "Basic 36 months / 60,000", months: 36, mileageLimit: 60000, deductible: "50.00" }) { id } }'));
  ok(await stack.graphql(staff, 'mutation($term: ID!) { coverProducts(termId: $term, input: { productFamily: "Lyra" }) { id } }', { term: createWarrantyTerm.id }));
  ok(await stack.graphql(staff, 'mutation { setAdjudicationPolicy(input: { autoApproveLimit: "100.00", reviewFaultCodes: [], repeatRepairDays: 30, capOverLimit: false }) { autoApproveLimit } }'));
  ok(await stack.graphql(staff, 'mutation { createIncentiveProgram(input: { code: "LYRA-RETAIL", name: "Lyra retail", appliesTo: REBATE_CLAIM, productCodes: ["V-LYRA"], validFrom: "2020-01-01", validTo: "2099-12-31", calculation: PER_UNIT, amountPerUnit: "750.00", tradeSharePercent: "30.00" }) { id } }'));

  // Munich sells a Lyra: lead, conversion, quote, acceptance, activation.
  const { createLead } = ok(await stack.graphql<{ createLead: { id: string } }>(munichPartner, 'mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }', { input: { lastName: 'Brandt', sourceChannel: 'DEALER', dealerId: munich } }));
  ok(await stack.graphql(munichPartner, 'mutation($id: ID!) { qualifyLead(id: $id, input: { need: true, authority: true, abilityToDeliver: true }) { status } }', { id: createLead.id }));
  const { convertLead } = ok(await stack.graphql<{ convertLead: { opportunity: { id: string } } }>(munichPartner, 'mutation($id: ID!) { convertLead(id: $id) { opportunity { id } } }', { id: createLead.id }));
  const { createQuote } = ok(await stack.graphql<{ createQuote: { id: string } }>(munichPartner, 'mutation($input: CreateQuoteInput!) { createQuote(input: $input) { id } }', { input: { opportunityId: convertLead.opportunity.id, startDate: today, lines: [{ productCode: 'V-LYRA', quantity: 1 }] } }));
  ok(await stack.graphql(munichPartner, 'mutation($id: ID!) { submitQuote(id: $id) { status } }', { id: createQuote.id }));
  ok(await stack.graphql(munichPartner, 'mutation($id: ID!) { presentQuote(id: $id) { status } }', { id: createQuote.id }));
  const { acceptQuote } = ok(await stack.graphql<{ acceptQuote: { orders: { id: string }[] } }>(munichPartner, 'mutation($id: ID!) { acceptQuote(id: $id) { orders { id } } }', { id: createQuote.id }));
  const { activateOrder } = ok(await stack.graphql<{ activateOrder: { contract: { assets: { id: string }[] } } }>(munichPartner, 'mutation($id: ID!) { activateOrder(id: $id) { contract { assets { id } } } }', { id: acceptQuote.orders[0]!.id }));
  assetId = activateOrder.contract.assets[0]!.id;
}, 120_000);

afterAll(async () => {
  await Promise.all(connections.map((c) => c.dispose()));
  await stack?.[Symbol.asyncDispose]();
});

function partnerApp(token: string): TestConnection {
  const connection = connect(stack.subscriptions!.wsUrl, { authorization: `Bearer ${token}` });
  connections.push(connection);
  return connection;
}

/** Polls an operation through the gateway until `done` holds (the machine is shared: no fixed sleeps). */
async function until<T>(token: string, query: string, variables: Record<string, unknown>, done: (data: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const data = ok(await stack.graphql<T>(token, query, variables));
    if (done(data)) return data;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(data)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const CLAIM_EVENTS = `subscription($after: ID) { claimEvents(after: $after) { type changes claim { number status approvedAmount dealer { name } } } }`;
interface ClaimEvent {
  type: string;
  changes: { claimNumber: string; assetId: string; status: { from: string; to: string }; approvedAmount?: string };
  claim: { number: string; status: string; approvedAmount: string | null; dealer: { name: string } } | null;
}

describe('warranty through the gateway', () => {
  it('gives a delivered vehicle its warranty, shown on CPQ’s asset through federation', async () => {
    const { order } = await until<{ order: { contract: { assets: { id: string; serialNumber: string | null; warranties: { number: string; term: { code: string }; startDate: string; mileageLimit: number; status: string }[] }[] } } }>(
      munichPartner,
      'query($id: ID!) { order(id: $id) { contract { assets { id serialNumber warranties { number term { code } startDate mileageLimit status } } } } }',
      { id: (ok(await stack.graphql<{ orders: { nodes: { id: string }[] } }>(munichPartner, '{ orders { nodes { id } } }'))).orders.nodes[0]!.id },
      (data) => data.order.contract.assets[0]!.warranties.length > 0,
    );
    expect(order.contract.assets[0]!.warranties).toEqual([{ number: expect.stringMatching(/^AW-\d{6}$/), term: { code: 'BASIC-36' }, startDate: today, mileageLimit: 60000, status: 'ACTIVE' }]);
  });

  it('lets the dealer claim, the adjuster approve, the dealer hear each status change; another dealer hears and sees nothing', async () => {
    const after = await stack.subscriptions!.bus.latestId();
    const munichEvents = partnerApp(munichPartner).subscribe<ClaimEvent>(CLAIM_EVENTS, { after });
    const hamburgEvents = partnerApp(hamburgPartner).subscribe<ClaimEvent>(CLAIM_EVENTS, { after });
    const input = { assetId, failureDate: today, mileage: 1200, faultCodes: ['P0300'], lines: [{ chargeType: 'PART', code: 'IGN-COIL', quantity: '2', unitPrice: '84.50' }, { chargeType: 'LABOR', code: 'L-100', quantity: '1.5' }] };
    const { claimEligibility } = ok(await stack.graphql<{ claimEligibility: { coveredAmount: string; lines: { eligibility: string }[] } }>(munichPartner, 'query($input: ClaimInput!) { claimEligibility(input: $input) { coveredAmount lines { eligibility } } }', { input }));
    expect(claimEligibility).toEqual({ coveredAmount: '254.00', lines: [{ eligibility: 'ELIGIBLE' }, { eligibility: 'ELIGIBLE' }] });
    const { createClaim } = ok(await stack.graphql<{ createClaim: { id: string; number: string } }>(munichPartner, 'mutation($input: ClaimInput!) { createClaim(input: $input) { id number } }', { input }));
    const { submitClaim } = ok(await stack.graphql<{ submitClaim: { status: string; reviewReasons: string[] } }>(munichPartner, 'mutation($id: ID!) { submitClaim(id: $id) { status reviewReasons } }', { id: createClaim.id }));
    expect(submitClaim).toEqual({ status: 'MANUAL_REVIEW_NEEDED', reviewReasons: ['the covered amount 254.00 is over the automatic approval limit 100.00'] });

    const denied = await stack.graphql(munichPartner, 'mutation($id: ID!) { startClaimReview(id: $id) { status } }', { id: createClaim.id });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const { claim } = ok(await stack.graphql<{ claim: { lines: { id: string }[] } }>(adjuster, 'query($id: ID!) { claim(id: $id) { lines { id } } }', { id: createClaim.id }));
    const { adjudicateClaim } = ok(
      await stack.graphql<{ adjudicateClaim: { status: string; approvedAmount: string } }>(adjuster, 'mutation($id: ID!, $input: AdjudicationInput!) { adjudicateClaim(id: $id, input: $input) { status approvedAmount } }', {
        id: createClaim.id,
        input: { lines: claim.lines.map((line) => ({ lineId: line.id, decision: 'APPROVE' })), comment: 'coils replaced under warranty' },
      }),
    );
    expect(adjudicateClaim).toEqual({ status: 'APPROVED', approvedAmount: '254.00' });

    const heard = await munichEvents.waitFor(3, 30_000);
    expect(heard.map((e) => [e.type, e.changes.status.from, e.changes.status.to, e.changes.claimNumber, e.changes.assetId])).toEqual([
      ['CLAIM_STATUS_CHANGED', 'DRAFT', 'SUBMITTED', createClaim.number, assetId],
      ['CLAIM_STATUS_CHANGED', 'SUBMITTED', 'MANUAL_REVIEW_NEEDED', createClaim.number, assetId],
      ['CLAIM_STATUS_CHANGED', 'MANUAL_REVIEW_NEEDED', 'APPROVED', createClaim.number, assetId],
    ]);
    expect(heard[2]!.changes.approvedAmount).toBe('254.00');
    expect(heard[2]!.claim).toEqual({ number: createClaim.number, status: 'APPROVED', approvedAmount: '254.00', dealer: { name: 'Autohaus München' } });

    // Hamburg's subscription stayed silent, and the claim does not exist for Hamburg.
    const later = partnerApp(munichPartner).subscribe<ClaimEvent>(CLAIM_EVENTS, { after });
    await later.waitFor(3, 30_000);
    expect(hamburgEvents.events).toEqual([]);
    expect(hamburgEvents.errors).toEqual([]);
    const hidden = ok(await stack.graphql<{ claim: unknown; claims: { totalCount: number }; claimByNumber: unknown }>(hamburgPartner, 'query($id: ID!, $number: String!) { claim(id: $id) { id } claims { totalCount } claimByNumber(number: $number) { id } }', { id: createClaim.id, number: createClaim.number }));
    expect(hidden).toEqual({ claim: null, claims: { totalCount: 0 }, claimByNumber: null });
    const asAdjuster = ok(await stack.graphql<{ claims: { totalCount: number } }>(adjuster, '{ claims(filter: { status: [APPROVED] }) { totalCount } }'));
    expect(asAdjuster.claims.totalCount).toBe(1);
  });

  it('takes a CSV of sales reports through the gateway’s uploads, for its own dealer only', async () => {
    const { createCsvImport } = ok(await stack.graphql<{ createCsvImport: { id: string; status: string; uploadPath: string } }>(munichPartner, 'mutation { createCsvImport(input: { kind: REBATE_CLAIMS, fileName: "sales.csv" }) { id status uploadPath } }'));
    expect(createCsvImport).toMatchObject({ status: 'AWAITING_UPLOAD', uploadPath: `/uploads/warranty/csv-imports?id=${createCsvImport.id}` });
    const file = [
      'external_id,vin,sale_date,sale_type,sale_price,delivery_mileage,delivery_status,product_code,program_code,trading_dealer_code',
      `RDR-1,WLYRA000000000001,${today},CASH,38990.00,12,DELIVERED,V-LYRA,,HAM-01`,
      `RDR-2,WLYRA000000000002,${today},LEASE,not-a-price,12,DELIVERED,V-LYRA,,`,
    ].join('\n');
    const gateway = stack.gatewayUrl.replace(/\/graphql$/, '');
    const put = (token: string) => fetch(`${gateway}${createCsvImport.uploadPath}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: file });
    expect((await fetch(`${gateway}${createCsvImport.uploadPath}`, { method: 'PUT', body: file })).status).toBe(401);
    expect((await put(hamburgPartner)).status).toBe(404);
    const uploaded = await put(munichPartner);
    expect(uploaded.status).toBe(202);
    const { csvImport } = await until<{ csvImport: { status: string; rowsCreated: number; rowsRejected: number; percent: number; errors: { nodes: { row: number; column: string; value: string; code: string }[] } } }>(
      munichPartner,
      'query($id: ID!) { csvImport(id: $id) { status rowsCreated rowsRejected percent errors { nodes { row column value code } } } }',
      { id: createCsvImport.id },
      (data) => data.csvImport.status === 'COMPLETED' || data.csvImport.status === 'FAILED',
    );
    expect(csvImport).toEqual({ status: 'COMPLETED', rowsCreated: 1, rowsRejected: 1, percent: 100, errors: { nodes: [{ row: 2, column: 'sale_price', value: 'not-a-price', code: 'INVALID_NUMBER' }] } });
    expect(ok(await stack.graphql<{ csvImport: unknown }>(hamburgPartner, 'query($id: ID!) { csvImport(id: $id) { id } }', { id: createCsvImport.id })).csvImport).toBeNull();

    // The OEM approves the sale: a trade (Hamburg supplied the car), so the incentive is split between the two.
    const { rebateClaims } = ok(await stack.graphql<{ rebateClaims: { nodes: { id: string; tradingDealer: { id: string } | null }[] } }>(munichPartner, '{ rebateClaims { nodes { id tradingDealer { id } } } }'));
    expect(rebateClaims.nodes).toEqual([{ id: expect.any(String), tradingDealer: { id: hamburg } }]);
    const { reviewRebateClaims } = ok(await stack.graphql<{ reviewRebateClaims: { status: string; incentiveAmount: string; allocations: { role: string; amount: string; dealer: { name: string } }[] }[] }>(staff, 'mutation($ids: [ID!]!) { reviewRebateClaims(input: { ids: $ids, decision: APPROVE }) { status incentiveAmount allocations { role amount dealer { name } } } }', { ids: [rebateClaims.nodes[0]!.id] }));
    expect(reviewRebateClaims).toEqual([{ status: 'APPROVED', incentiveAmount: '750.00', allocations: [{ role: 'SELLING', amount: '525.00', dealer: { name: 'Autohaus München' } }, { role: 'SUPPLYING', amount: '225.00', dealer: { name: 'Autohaus Hamburg' } }] }]);
    const hamburgShare = ok(await stack.graphql<{ incentiveAllocations: { nodes: { amount: string; sourceNumber: string }[] }; rebateClaims: { totalCount: number } }>(hamburgPartner, '{ incentiveAllocations { nodes { amount sourceNumber } } rebateClaims { totalCount } }'));
    expect(hamburgShare).toEqual({ incentiveAllocations: { nodes: [{ amount: '225.00', sourceNumber: expect.stringMatching(/^RC-\d{6}$/) }] }, rebateClaims: { totalCount: 0 } });
  });
});
