import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIdentity, type Identity, type SubgraphServer } from '@l2c/shared';
import { countStatements, type DisposableStore } from '@l2c/shared/testing';
import { recordPayment } from './commands/payments.ts';
import { createBillingServer } from './server.ts';
import { bill, commandContext, DEALER, logger, openBillingStore, order, OTHER_DEALER, partner, runInvoices, staff, subscription } from './testing/fixtures.ts';

const SECRET = 'billing-server-test-secret-0123456789';
const ORDERS = 24;

let store: DisposableStore;
let server: SubgraphServer;
let url: string;
const orderIds: string[] = [];

/** 24 orders of two dealers and 24 customers, each with two subscriptions, invoiced twice, each invoice partly paid. */
beforeAll(async () => {
  store = await openBillingStore();
  for (let i = 0; i < ORDERS; i++) {
    const activated = order([subscription('2026-01-01', '2026-12-31', '1200.00'), subscription('2026-01-01', '2026-06-30', '300.00', { productCode: 'WIFI' })], { accountId: `acct-${i}`, dealerId: i % 2 ? OTHER_DEALER : DEALER, opportunityId: `opp-${i}` });
    orderIds.push(activated.orderId);
    await bill(store, activated);
  }
  await runInvoices(store, '2026-01-01');
  await runInvoices(store, '2026-02-01');
  const invoices = await store.query<{ id: string; account_id: string }>(`select id, account_id from invoices`);
  for (const invoice of invoices) await recordPayment(commandContext(store), { accountId: invoice.account_id, amount: '200.00', method: 'ACH', allocations: [{ invoiceId: invoice.id, amount: '150.00' }] });
  server = await createBillingServer({ store, signingSecret: SECRET, logger, runs: null });
  url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
}, 180_000);
afterAll(async () => {
  await server?.close();
  await store?.close();
});

async function graphql<Data>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<{ data: Data; errors?: { extensions?: { code?: string } }[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signIdentity(identity, SECRET) }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data: Data; errors?: { extensions?: { code?: string } }[] };
}

const INVOICE_PAGE = `query($first: Int!) { invoices(first: $first) { nodes {
  number balance paymentStatus orders { id } run { number }
  lines { amount billingSchedule { productCode nextBillingDate billedAmount periods { billingDate } } }
  allocations { amount payment { number unallocatedAmount } }
} } }`;

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Order { id billingSchedules { productCode } invoices { number } }
  ... on Opportunity { id invoices { number } }
} }`;

describe('SQL statements per request', () => {
  it('a page of invoices with lines, schedules, periods, allocations and payments costs the same for 5 as for 48', async () => {
    const small = await countStatements(store, () => graphql<{ invoices: { nodes: unknown[] } }>(staff, INVOICE_PAGE, { first: 5 }));
    const large = await countStatements(store, () => graphql<{ invoices: { nodes: unknown[] } }>(staff, INVOICE_PAGE, { first: ORDERS * 2 }));
    expect(small.result.data.invoices.nodes).toHaveLength(5);
    expect(large.result.data.invoices.nodes).toHaveLength(ORDERS * 2);
    expect(large.statements.length, large.statements.join('\n')).toBe(small.statements.length);
    expect(large.statements.length, large.statements.join('\n')).toBeLessThanOrEqual(10);
  });

  it('the gateway’s entity fetch for every order and opportunity is one batch each', async () => {
    const representations = [...orderIds.map((id) => ({ __typename: 'Order', id })), ...orderIds.map((_, i) => ({ __typename: 'Opportunity', id: `opp-${i}` }))];
    const { result, statements } = await countStatements(store, () => graphql<{ _entities: { billingSchedules?: unknown[]; invoices: unknown[] }[] }>(staff, ENTITIES, { representations }));
    expect(result.data._entities.every((e) => e.invoices.length === 2 && (e.billingSchedules === undefined || e.billingSchedules.length === 2))).toBe(true);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(3);
  });

  it('a partner sees only its own dealer’s invoices, payments and schedules: in pages, by id and through entities', async () => {
    const munich = partner(DEALER);
    const page = await graphql<{ invoices: { nodes: { orders: { id: string }[] }[] }; payments: { nodes: unknown[] }; billingSchedules: { nodes: unknown[] } }>(
      munich,
      `{ invoices(first: 100) { nodes { orders { id } } } payments(first: 100) { nodes { number } } billingSchedules(first: 100) { nodes { id } } }`,
    );
    const own = orderIds.filter((_, i) => i % 2 === 0);
    expect(page.data.invoices.nodes.flatMap((n) => n.orders.map((o) => o.id)).sort()).toEqual([...own, ...own].sort());
    expect(page.data.payments.nodes).toHaveLength(ORDERS);
    expect(page.data.billingSchedules.nodes).toHaveLength(ORDERS);
    const [other] = await store.query<{ id: string }>('select id from invoices where dealer_id = $1 limit 1', [OTHER_DEALER]);
    expect((await graphql<{ invoice: unknown }>(munich, `query($id: ID!) { invoice(id: $id) { number } }`, { id: other!.id })).data).toEqual({ invoice: null });
    const entities = await graphql<{ _entities: { invoices: unknown[] }[] }>(munich, ENTITIES, { representations: orderIds.slice(0, 2).map((id) => ({ __typename: 'Order', id })) });
    expect(entities.data._entities.map((e) => e.invoices.length)).toEqual([2, 0]);
    const runs = await graphql<{ invoiceRuns: { nodes: unknown[] } }>(munich, `{ invoiceRuns { nodes { id } } }`);
    expect(runs.data.invoiceRuns.nodes).toEqual([]);
  });

  it('refuses finance to a partner, naming what was needed', async () => {
    const [invoice] = await store.query<{ id: string }>('select id from invoices where dealer_id = $1 limit 1', [DEALER]);
    const response = await graphql(partner(DEALER), `mutation($id: ID!) { cancelInvoice(id: $id, reason: "x") { id } }`, { id: invoice!.id });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
