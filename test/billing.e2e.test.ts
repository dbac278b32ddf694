import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TestConnection } from '@l2c/gateway/subscriptions/testClient';
import { ok, startStack, type Stack } from './harness.ts';

/**
 * Lead to cash through the gateway, to the money: a dealer's lead is converted, quoted and accepted, its order
 * activated in CPQ; billing hears of the activation on the event bus and makes billing schedules; an invoice run
 * invoices and posts what is due, visible from the opportunity and the order; a payment settles it. The dealer's
 * partner app hears of the invoice and the payment by subscription; another dealer's partner sees and hears none of it.
 */

let stack: Stack;
let staff: string;
let munich: string;
let hamburg: string;
let munichPartner: string;
let hamburgPartner: string;
const connections: TestConnection[] = [];

beforeAll(async () => {
  stack = await startStack({ billing: true, subscriptions: {} });
  staff = await stack.token('staff');
  munich = await dealer('Autohaus München', 'DE-MUC-07');
  hamburg = await dealer('Autohaus Hamburg', 'DE-HAM-07');
  munichPartner = await stack.token('partner', munich);
  hamburgPartner = await stack.token('partner', hamburg);
  const { priceBooks } = ok(await stack.graphql<{ priceBooks: { id: string; isStandard: boolean }[] }>(staff, '{ priceBooks { id isStandard } }'));
  const standard = priceBooks.find((b) => b.isStandard)!.id;
  for (const [input, price] of [
    [{ code: 'V-TRA-KOMBI', name: 'Transa Van Kombi', category: 'VEHICLE', family: 'Transa Van' }, '41200.00'],
    [{ code: 'S-CONNECT', name: 'Connected fleet services', category: 'SERVICE', chargeType: 'RECURRING', defaultSubscriptionTerm: 12 }, '359.00'],
  ] as const) {
    const { createProduct } = ok(await stack.graphql<{ createProduct: { id: string } }>(staff, `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`, { input }));
    ok(await stack.graphql(staff, `mutation($book: ID!, $product: ID!, $price: Decimal!) { setPrice(priceBookId: $book, productId: $product, unitPrice: $price) { id } }`, { book: standard, product: createProduct.id, price }));
  }
}, 60_000);
afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.dispose()));
  await stack?.[Symbol.asyncDispose]();
});

function subscriber(token: string): TestConnection {
  const connection = connect(stack.subscriptions!.wsUrl, { authorization: `Bearer ${token}` });
  connections.push(connection);
  return connection;
}

const INVOICE_EVENTS = `subscription($after: ID) { invoiceEvents(after: $after) { type invoiceId invoice { number totalAmount dealer { id } } changes } }`;
const PAYMENT_EVENTS = `subscription($after: ID) { paymentEvents(after: $after) { type paymentId payment { amount allocations { amount } } changes } }`;

async function dealer(name: string, code: string): Promise<string> {
  return ok(await stack.graphql<{ createAccount: { id: string } }>(staff, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name, type: 'DEALER', dealerCode: code } })).createAccount.id;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>): Promise<T> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const INVOICE_FIELDS = `id number status kind totalAmount balance paidAmount paymentStatus invoiceDate dueDate currency
  dealer { id } orders { id number } lines { productCode amount startDate endDate orderItem { id productName } }`;

interface InvoiceView {
  id: string;
  number: string;
  status: string;
  totalAmount: string;
  balance: string;
  paymentStatus: string;
  dueDate: string;
  orders: { id: string; number: string }[];
  lines: { productCode: string; amount: string; startDate: string; endDate: string; orderItem: { id: string; productName: string } }[];
}

describe('lead to cash, to the invoice and the payment', () => {
  it('bills an activated order, shows the invoice from the opportunity and the order, takes the payment, and keeps other dealers out', async () => {
    // CRM: a dealer's lead, qualified and converted (as the dealer's partner).
    const { createLead } = ok(
      await stack.graphql<{ createLead: { id: string } }>(munichPartner, `mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }`, {
        input: { lastName: 'Brandl', company: 'Brandl Kurierdienst', sourceChannel: 'DEALER', dealerId: munich, lineItems: [{ productCode: 'V-TRA-KOMBI', productName: 'Transa Van Kombi', productType: 'VEHICLE', quantity: 1 }] },
      }),
    );
    ok(await stack.graphql(munichPartner, `mutation($id: ID!) { qualifyLead(id: $id, input: { need: true, authority: true, abilityToDeliver: true }) { status } }`, { id: createLead.id }));
    const { convertLead } = ok(await stack.graphql<{ convertLead: { opportunity: { id: string }; account: { id: string } } }>(munichPartner, `mutation($id: ID!) { convertLead(id: $id) { opportunity { id } account { id } } }`, { id: createLead.id }));
    const opportunityId = convertLead.opportunity.id;

    // CPQ: quote, accept, activate (no discount: no approval needed).
    const { createQuote } = ok(
      await stack.graphql<{ createQuote: { id: string } }>(munichPartner, `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`, {
        input: { opportunityId, startDate: '2099-01-15', lines: [{ productCode: 'V-TRA-KOMBI', quantity: 1 }, { productCode: 'S-CONNECT', quantity: 1, subscriptionTerm: 12 }] },
      }),
    );
    ok(await stack.graphql(munichPartner, `mutation($id: ID!) { submitQuote(id: $id) { status } }`, { id: createQuote.id }));
    ok(await stack.graphql(munichPartner, `mutation($id: ID!) { presentQuote(id: $id) { status } }`, { id: createQuote.id }));
    const { acceptQuote } = ok(await stack.graphql<{ acceptQuote: { orders: { id: string; number: string }[] } }>(munichPartner, `mutation($id: ID!) { acceptQuote(id: $id) { orders { id number } } }`, { id: createQuote.id }));
    expect(acceptQuote.orders).toHaveLength(1);
    const order = acceptQuote.orders[0]!;
    ok(await stack.graphql(munichPartner, `mutation($id: ID!) { activateOrder(id: $id) { status } }`, { id: order.id }));

    // Billing hears of the activation: one schedule per order item, seen from CPQ's order and items.
    const schedules = await waitFor('billing schedules of the activated order', async () => {
      const { order: seen } = ok(
        await stack.graphql<{ order: { items: { id: string; billingSchedule: { id: string } | null }[]; billingSchedules: { id: string; chargeType: string; frequency: string; billingDayOfMonth: number; totalAmount: string; nextBillingDate: string }[] } }>(
          munichPartner,
          `query($id: ID!) { order(id: $id) { items { id billingSchedule { id } } billingSchedules { id chargeType frequency billingDayOfMonth totalAmount nextBillingDate } } }`,
          { id: order.id },
        ),
      );
      return seen.billingSchedules.length === 2 ? seen : null;
    });
    expect(schedules.items.every((item) => item.billingSchedule !== null)).toBe(true);
    expect(schedules.billingSchedules.map(({ chargeType, frequency, billingDayOfMonth, totalAmount, nextBillingDate }) => ({ chargeType, frequency, billingDayOfMonth, totalAmount, nextBillingDate })).sort((a, b) => a.chargeType.localeCompare(b.chargeType))).toEqual([
      { chargeType: 'ONE_TIME', frequency: 'ONE_TIME', billingDayOfMonth: 15, totalAmount: '41200.00', nextBillingDate: '2099-01-15' },
      { chargeType: 'RECURRING', frequency: 'MONTHLY', billingDayOfMonth: 15, totalAmount: '359.00', nextBillingDate: '2099-01-15' },
    ]);

    // Both dealers' partner apps listen for invoices and payments, from this point of the stream on.
    const after = await stack.subscriptions!.bus.latestId();
    const munichApp = subscriber(munichPartner);
    const hamburgApp = subscriber(hamburgPartner);
    const munichInvoices = munichApp.subscribe<{ type: string; invoiceId: string; invoice: { number: string; totalAmount: string; dealer: { id: string } } | null; changes: Record<string, unknown> }>(INVOICE_EVENTS, { after });
    const munichPayments = munichApp.subscribe<{ type: string; payment: { amount: string; allocations: { amount: string }[] } | null; changes: Record<string, unknown> }>(PAYMENT_EVENTS, { after });
    const hamburgInvoices = hamburgApp.subscribe(INVOICE_EVENTS, { after });
    const hamburgPayments = hamburgApp.subscribe(PAYMENT_EVENTS, { after });

    // A partner does not run invoice runs; staff does, and watches it finish.
    const refused = await stack.graphql(munichPartner, `mutation { startInvoiceRun(input: { targetDate: "2099-01-15" }) { id } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { startInvoiceRun } = ok(await stack.graphql<{ startInvoiceRun: { id: string; status: string } }>(staff, `mutation { startInvoiceRun(input: { targetDate: "2099-01-15" }) { id status } }`));
    const run = await waitFor('the invoice run to complete', async () => {
      const { invoiceRun } = ok(await stack.graphql<{ invoiceRun: { status: string; percentComplete: number; linesInvoiced: number; invoicesPosted: number; totalAmount: string } }>(staff, `query($id: ID!) { invoiceRun(id: $id) { status percentComplete linesInvoiced invoicesPosted totalAmount } }`, { id: startInvoiceRun.id }));
      return invoiceRun.status === 'COMPLETED' ? invoiceRun : null;
    });
    // The van and the first month of twelve of the 359.00 plan (359 × 1/12, half-up).
    expect(run).toEqual({ status: 'COMPLETED', percentComplete: 100, linesInvoiced: 2, invoicesPosted: 1, totalAmount: '41229.92' });

    // The invoice, from the opportunity (CRM's) and from the order (CPQ's).
    const { opportunity } = ok(await stack.graphql<{ opportunity: { invoices: InvoiceView[] } }>(munichPartner, `query($id: ID!) { opportunity(id: $id) { invoices { ${INVOICE_FIELDS} } } }`, { id: opportunityId }));
    expect(opportunity.invoices).toHaveLength(1);
    const invoice = opportunity.invoices[0]!;
    expect(invoice).toMatchObject({ status: 'POSTED', totalAmount: '41229.92', balance: '41229.92', paymentStatus: 'UNPAID', dueDate: '2099-02-14', orders: [{ id: order.id, number: order.number }] });
    expect(invoice.lines.map((l) => [l.productCode, l.amount, l.startDate, l.endDate, l.orderItem.productName]).sort()).toEqual([
      ['S-CONNECT', '29.92', '2099-01-15', '2099-02-14', 'Connected fleet services'],
      ['V-TRA-KOMBI', '41200.00', '2099-01-15', '2099-01-15', 'Transa Van Kombi'],
    ]);
    const { order: fromOrder } = ok(await stack.graphql<{ order: { invoices: { id: string }[] } }>(munichPartner, `query($id: ID!) { order(id: $id) { invoices { id } } }`, { id: order.id }));
    expect(fromOrder.invoices).toEqual([{ id: invoice.id }]);

    // The payment: recorded by finance, allocated to the invoice, which is then paid.
    const { recordPayment } = ok(
      await stack.graphql<{ recordPayment: { number: string; unallocatedAmount: string; allocations: { amount: string; invoice: { number: string; balance: string; paymentStatus: string } }[] } }>(
        staff,
        `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { number unallocatedAmount allocations { amount invoice { number balance paymentStatus } } } }`,
        { input: { accountId: convertLead.account.id, amount: '41229.92', paymentDate: '2099-01-20', method: 'BANK_TRANSFER', reference: 'SEPA Brandl 1', allocations: [{ invoiceId: invoice.id, amount: '41229.92' }] } },
      ),
    );
    expect(recordPayment).toMatchObject({ unallocatedAmount: '0.00', allocations: [{ amount: '41229.92', invoice: { number: invoice.number, balance: '0.00', paymentStatus: 'PAID' } }] });
    const events = await stack.billing!.store.query<{ type: string; dealer_ids: string[] }>(`select type, dealer_ids from outbox where type in ('InvoicePosted', 'PaymentReceived') order by id`);
    expect(events).toEqual([
      { type: 'InvoicePosted', dealer_ids: [munich] },
      { type: 'PaymentReceived', dealer_ids: [munich] },
    ]);

    // The dealer's partner app heard of both, with the entities resolved through the graph as the partner.
    const [posted] = await munichInvoices.waitFor(1);
    expect(posted).toMatchObject({ type: 'INVOICE_POSTED', invoiceId: invoice.id, invoice: { number: invoice.number, totalAmount: '41229.92', dealer: { id: munich } } });
    expect(posted!.changes).toMatchObject({ invoiceNumber: invoice.number, accountId: convertLead.account.id, orderIds: [order.id], totalAmount: '41229.92', currency: 'EUR', invoiceDate: '2099-01-15', dueDate: '2099-02-14' });
    const [paid] = await munichPayments.waitFor(1);
    expect(paid).toMatchObject({ type: 'PAYMENT_RECEIVED', payment: { amount: '41229.92', allocations: [{ amount: '41229.92' }] } });
    expect(paid!.changes).toMatchObject({ accountId: convertLead.account.id, amount: '41229.92', currency: 'EUR', allocations: [{ invoiceId: invoice.id, orderIds: [order.id], amount: '41229.92' }] });
    expect([hamburgInvoices.events, hamburgPayments.events]).toEqual([[], []]);

    // Another dealer's partner: the invoice is not there, by id, in lists, or through the order.
    const other = ok(
      await stack.graphql<{ invoice: unknown; invoices: { nodes: unknown[] }; payments: { nodes: unknown[] }; order: { invoices: unknown[] } | null }>(
        hamburgPartner,
        `query($id: ID!, $order: ID!) { invoice(id: $id) { id } invoices { nodes { id } } payments { nodes { id } } order(id: $order) { invoices { id } } }`,
        { id: invoice.id, order: order.id },
      ),
    );
    expect(other).toEqual({ invoice: null, invoices: { nodes: [] }, payments: { nodes: [] }, order: null });
    const mine = ok(await stack.graphql<{ invoice: { number: string } | null; payments: { nodes: unknown[] } }>(munichPartner, `query($id: ID!) { invoice(id: $id) { number } payments { nodes { id } } }`, { id: invoice.id }));
    expect(mine).toEqual({ invoice: { number: invoice.number }, payments: { nodes: [expect.anything()] } });
  }, 120_000);
});
