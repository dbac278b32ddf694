import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startStack, type Stack } from './harness.ts';

/**
 * Lead to cash through the gateway: a lead is converted in CRM, quoted, approved, accepted and ordered in CPQ, and
 * the orders' activation builds a contract — once as a dealer's partner, once as OEM staff. CPQ reads the opportunity
 * from CRM and syncs the accepted quote's totals back, as the caller; CRM ranks dealers with stock from CPQ.
 */

let stack: Stack;
let staff: string;
let manager: string;
let munich: string;
let hamburg: string;
let munichPartner: string;
let hamburgPartner: string;

beforeAll(async () => {
  stack = await startStack();
  staff = await stack.token('staff');
  manager = await stack.tokenFor('e2e-sales-manager', ['staff']);
  munich = await dealer('Autohaus München', 'DE-MUC-01', 48.137, 11.575);
  hamburg = await dealer('Autohaus Hamburg', 'DE-HAM-01', 53.551, 9.993);
  munichPartner = await stack.token('partner', munich);
  hamburgPartner = await stack.token('partner', hamburg);
  await catalogue();
});
afterAll(() => stack?.[Symbol.asyncDispose]());

async function dealer(name: string, code: string, latitude: number, longitude: number): Promise<string> {
  return ok(
    await stack.graphql<{ createAccount: { id: string } }>(staff, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
      input: { name, type: 'DEALER', dealerCode: code, address: { latitude, longitude } },
    }),
  ).createAccount.id;
}

/** Products, prices, an approval rule and stock, set up through the graph as staff. */
async function catalogue(): Promise<void> {
  const { priceBooks } = ok(await stack.graphql<{ priceBooks: { id: string; isStandard: boolean }[] }>(staff, '{ priceBooks { id isStandard } }'));
  const standard = priceBooks.find((b) => b.isStandard)!.id;
  const products: [Record<string, unknown>, string][] = [
    [{ code: 'V-TRA-CARGOL2H2', name: 'Transa Van Cargo L2H2', category: 'VEHICLE', family: 'Transa Van', entitlementName: 'Roadside assistance', entitlementMonths: 36 }, '41200.00'],
    [{ code: 'A-MAT-AW', name: 'All-weather floor mats', category: 'ACCESSORY', family: 'Interior' }, '119.00'],
    [{ code: 'S-MAINT', name: 'Maintenance plan', category: 'SERVICE', chargeType: 'RECURRING', defaultSubscriptionTerm: 12 }, '359.00'],
  ];
  for (const [input, price] of products) {
    const { createProduct } = ok(await stack.graphql<{ createProduct: { id: string } }>(staff, `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`, { input }));
    ok(await stack.graphql(staff, `mutation($book: ID!, $product: ID!, $price: Decimal!) { setPrice(priceBookId: $book, productId: $product, unitPrice: $price) { id } }`, { book: standard, product: createProduct.id, price }));
  }
  const { createApprover } = ok(await stack.graphql<{ createApprover: { id: string } }>(staff, `mutation { createApprover(input: { name: "Sales Manager", userSubject: "e2e-sales-manager" }) { id } }`));
  ok(
    await stack.graphql(staff, `mutation($approver: ID!) { createApprovalRule(input: { name: "Discount over 10 %", approverId: $approver,
      conditions: [{ field: QUOTE_CUSTOMER_DISCOUNT_PERCENT, operator: GREATER_THAN, value: "10" }] }) { id } }`, { approver: createApprover.id }),
  );
  ok(await stack.graphql(munichPartner, `mutation($dealer: ID!) { setInventory(dealerId: $dealer, productCode: "V-TRA-CARGOL2H2", quantityOnHand: 4) { quantityOnHand } }`, { dealer: munich }));
}

/** A qualified lead for two vans and mats, converted; returns the opportunity and the customer account. */
async function convertedLead(token: string, dealerId: string, lastName: string): Promise<{ leadId: string; opportunityId: string; accountId: string }> {
  const { createLead } = ok(
    await stack.graphql<{ createLead: { id: string } }>(token, `mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }`, {
      input: {
        lastName,
        company: `${lastName} Logistik GmbH`,
        sourceChannel: 'DEALER',
        dealerId,
        address: { city: 'Freising', latitude: 48.403, longitude: 11.749 },
        latestInterestDate: '2099-06-30',
        lineItems: [
          { productCode: 'V-TRA-CARGOL2H2', productName: 'Transa Van Cargo L2H2', productType: 'VEHICLE', quantity: 2 },
          { productCode: 'A-MAT-AW', productName: 'All-weather floor mats', productType: 'ACCESSORY', quantity: 2 },
        ],
      },
    }),
  );
  ok(await stack.graphql(token, `mutation($id: ID!) { qualifyLead(id: $id, input: { need: true, authority: true, abilityToDeliver: true }) { status } }`, { id: createLead.id }));
  const { convertLead } = ok(
    await stack.graphql<{ convertLead: { opportunity: { id: string }; account: { id: string } } }>(token, `mutation($id: ID!) { convertLead(id: $id) { opportunity { id } account { id } } }`, { id: createLead.id }),
  );
  return { leadId: createLead.id, opportunityId: convertLead.opportunity.id, accountId: convertLead.account.id };
}

const QUOTE_FIELDS = `id number status isPrimary netAmount customerDiscountPercent opportunitySync { status error }
  lines { productCode quantity netPrice netTotal } approvals { id level status approver { name } }`;

interface QuoteView {
  id: string;
  number: string;
  status: string;
  isPrimary: boolean;
  netAmount: string;
  customerDiscountPercent: string;
  opportunitySync: { status: string; error: string | null } | null;
  lines: { productCode: string; quantity: number; netPrice: string; netTotal: string }[];
  approvals: { id: string; level: number; status: string; approver: { name: string } | null }[];
}

interface ContractView {
  number: string;
  startDate: string;
  endDate: string;
  subscriptions: { quantity: number; startDate: string; endDate: string }[];
  assets: { name: string }[];
  entitlements: { name: string }[];
}

/** Quote → approve → present → accept → activate every order, as `seller`; returns the accepted quote and the contract. */
async function quoteToContract(seller: string, opportunityId: string) {
  const { createQuote: quote } = ok(
    await stack.graphql<{ createQuote: QuoteView }>(seller, `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { ${QUOTE_FIELDS} } }`, {
      input: {
        opportunityId,
        startDate: '2099-01-15',
        shipTo: 'Depot Munich',
        lines: [
          { productCode: 'V-TRA-CARGOL2H2', quantity: 2, discountPercent: '12.5' },
          { productCode: 'A-MAT-AW', quantity: 2, shipTo: 'Depot Augsburg' },
          { productCode: 'S-MAINT', quantity: 2, subscriptionTerm: 24, requestedDate: '2099-03-01', startDate: '2099-03-01' },
        ],
      },
    }),
  );
  expect(quote).toMatchObject({ status: 'DRAFT', isPrimary: true, netAmount: '73774.00', customerDiscountPercent: '12.25' });

  const { approvalPreview } = ok(
    await stack.graphql<{ approvalPreview: { required: boolean; steps: { level: number; approver: { name: string }; reasons: string[] }[] } }>(
      seller,
      `query($id: ID!) { approvalPreview(quoteId: $id) { required steps { level approver { name } reasons } } }`,
      { id: quote.id },
    ),
  );
  expect(approvalPreview).toEqual({ required: true, steps: [{ level: 1, approver: { name: 'Sales Manager' }, reasons: ['quote discount 12.25 % is greater than 10 %'] }] });

  const { submitQuote } = ok(await stack.graphql<{ submitQuote: QuoteView }>(seller, `mutation($id: ID!) { submitQuote(id: $id) { ${QUOTE_FIELDS} } }`, { id: quote.id }));
  expect(submitQuote).toMatchObject({ status: 'IN_REVIEW', approvals: [{ level: 1, status: 'REQUESTED', approver: { name: 'Sales Manager' } }] });
  const { myPendingApprovals } = ok(await stack.graphql<{ myPendingApprovals: { id: string; quote: { number: string } }[] }>(manager, '{ myPendingApprovals { id quote { number } } }'));
  const pending = myPendingApprovals.find((a) => a.quote.number === quote.number)!;
  expect(pending.id).toBe(submitQuote.approvals[0]!.id);
  ok(await stack.graphql(manager, `mutation($id: ID!) { approveApproval(id: $id, comment: "fleet customer") { status } }`, { id: pending.id }));
  ok(await stack.graphql(seller, `mutation($id: ID!) { presentQuote(id: $id) { status } }`, { id: quote.id }));

  const { acceptQuote: accepted } = ok(
    await stack.graphql<{ acceptQuote: QuoteView & { orders: { id: string; number: string; shipTo: string; effectiveDate: string; totalAmount: string; status: string }[] } }>(
      seller,
      `mutation($id: ID!) { acceptQuote(id: $id) { ${QUOTE_FIELDS} orders { id number shipTo effectiveDate totalAmount status } } }`,
      { id: quote.id },
    ),
  );
  expect(accepted).toMatchObject({ status: 'ACCEPTED', opportunitySync: { status: 'SYNCED', error: null } });
  expect(accepted.orders.map((o) => [o.effectiveDate, o.shipTo, o.totalAmount, o.status])).toEqual([
    ['2099-01-15', 'Depot Augsburg', '238.00', 'DRAFT'],
    ['2099-01-15', 'Depot Munich', '72100.00', 'DRAFT'],
    ['2099-03-01', 'Depot Munich', '1436.00', 'DRAFT'],
  ]);
  const cents = accepted.orders.reduce((sum, o) => sum + BigInt(o.totalAmount.replace('.', '')), 0n);
  expect(cents).toBe(BigInt(accepted.netAmount.replace('.', '')));

  let contract: ContractView | null = null;
  for (const order of accepted.orders) {
    const { activateOrder } = ok(
      await stack.graphql<{ activateOrder: { status: string; contract: ContractView } }>(
        seller,
        `mutation($id: ID!) { activateOrder(id: $id) { status contract { number startDate endDate subscriptions { quantity startDate endDate } assets { name } entitlements { name } } } }`,
        { id: order.id },
      ),
    );
    expect(activateOrder.status).toBe('ACTIVATED');
    contract = activateOrder.contract;
  }
  return { quote: accepted, contract: contract! };
}

describe('lead to cash through the gateway', () => {
  it('as a partner: CRM ranks its dealer with the stock CPQ holds, then lead → convert → quote → approve → accept → orders → contract', async () => {
    const { leadId, opportunityId, accountId } = await convertedLead(munichPartner, munich, 'Huber');
    const { dealerMatches } = ok(await stack.graphql<{ dealerMatches: { dealer: { id: string }; reasons: string[] }[] }>(munichPartner, `query($id: ID!) { dealerMatches(leadId: $id) { dealer { id } reasons } }`, { id: leadId }));
    expect(dealerMatches).toEqual([{ dealer: { id: munich }, reasons: expect.arrayContaining(['has 2 of 4 requested units in stock']) }]);

    const { quote, contract } = await quoteToContract(munichPartner, opportunityId);
    expect(contract).toMatchObject({ startDate: '2099-01-15', subscriptions: [{ quantity: 2, startDate: '2099-03-01', endDate: '2101-02-28' }] });
    expect(contract.assets.map((a) => a.name).sort()).toEqual(['All-weather floor mats', 'Transa Van Cargo L2H2', 'Transa Van Cargo L2H2']);

    // One query across both subgraphs: CRM's opportunity with CPQ's quotes, and the totals CPQ synced back to CRM.
    const { opportunity } = ok(
      await stack.graphql<{ opportunity: { amount: string; discountPercent: string; quotes: { number: string }[]; primaryQuote: { netAmount: string; contract: { number: string } } } }>(
        munichPartner,
        `query($id: ID!) { opportunity(id: $id) { amount discountPercent quotes { number } primaryQuote { netAmount contract { number } } } }`,
        { id: opportunityId },
      ),
    );
    expect(opportunity).toEqual({ amount: quote.netAmount, discountPercent: quote.customerDiscountPercent, quotes: [{ number: quote.number }], primaryQuote: { netAmount: quote.netAmount, contract: { number: contract.number } } });
    const { account } = ok(
      await stack.graphql<{ account: { type: string; contracts: { number: string }[]; entitlements: { name: string }[] } }>(
        munichPartner,
        `query($id: ID!) { account(id: $id) { type contracts { number } entitlements(onDate: "2099-06-30") { name } } }`,
        { id: accountId },
      ),
    );
    expect(account).toEqual({ type: 'CUSTOMER', contracts: [{ number: contract.number }], entitlements: [{ name: 'Roadside assistance' }, { name: 'Roadside assistance' }, { name: 'Maintenance plan' }] });
  });

  it('as staff, for the Hamburg dealer’s customer', async () => {
    const { opportunityId } = await convertedLead(staff, hamburg, 'Jensen');
    const { quote, contract } = await quoteToContract(staff, opportunityId);
    expect(quote.status).toBe('ACCEPTED');
    expect(contract.entitlements.filter((e) => e.name === 'Roadside assistance')).toHaveLength(2);
    const { quotes } = ok(await stack.graphql<{ quotes: { totalCount: number } }>(hamburgPartner, `query($id: ID!) { quotes(filter: { opportunityId: $id }) { totalCount } }`, { id: opportunityId }));
    expect(quotes.totalCount).toBe(1);
  });

  it('refuses a partner another dealer’s quote, orders and opportunity, by id, in lists and in mutations', async () => {
    const { opportunityId } = await convertedLead(staff, hamburg, 'Petersen');
    const { createQuote } = ok(
      await stack.graphql<{ createQuote: { id: string; lines: { id: string }[] } }>(staff, `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { id lines { id } } }`, {
        input: { opportunityId, startDate: '2099-01-15', lines: [{ productCode: 'A-MAT-AW', quantity: 1 }] },
      }),
    );
    const read = ok(
      await stack.graphql<{ quote: unknown; quotes: { totalCount: number }; opportunity: unknown }>(
        munichPartner,
        `query($id: ID!, $opp: ID!) { quote(id: $id) { id } quotes(filter: { opportunityId: $opp }) { totalCount } opportunity(id: $opp) { quotes { id } } }`,
        { id: createQuote.id, opp: opportunityId },
      ),
    );
    expect(read).toEqual({ quote: null, quotes: { totalCount: 0 }, opportunity: null });
    const change = await stack.graphql(munichPartner, `mutation($id: ID!) { addQuoteLine(quoteId: $id, input: { productCode: "A-MAT-AW", quantity: 1 }) { id } }`, { id: createQuote.id });
    expect(change.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', typename: 'Quote' } });
    const line = await stack.graphql(munichPartner, `mutation($id: ID!) { removeQuoteLine(id: $id) { id } }`, { id: createQuote.lines[0]!.id });
    expect(line.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const steal = await stack.graphql(munichPartner, `mutation($opp: ID!) { createQuote(input: { opportunityId: $opp }) { id } }`, { opp: opportunityId });
    expect(steal.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', typename: 'Opportunity', field: 'input.opportunityId' } });
    const approve = await stack.graphql(munichPartner, `mutation { approveApproval(id: "3f2b8c1e-5d4a-4e7b-9c61-0a8d2f4b7e90") { id } }`);
    expect(approve.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
