import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, signIdentity, type Identity, type SubgraphServer } from '@l2c/shared';
import { countStatements, type DisposableStore } from '@l2c/shared/testing';
import { activateOrder } from './commands/activateOrder.ts';
import { approveApproval, submitQuote } from './commands/approvals.ts';
import { acceptQuote, presentQuote } from './commands/quoteLifecycle.ts';
import { createQuote } from './commands/quotes.ts';
import { createCpqServer } from './server.ts';
import { ordersByQuoteIds } from './store/orders.ts';
import { approvalsByQuoteIds } from './store/approvals.ts';
import { setInventory } from './commands/catalogue.ts';
import { as, createApprovalRules, createCatalogue, FakeCrm, HAMBURG, MUNICH, openCpqStore, partnerOf, person, staff } from './testing/fixtures.ts';

const SECRET = 'cpq-server-test-secret-0123456789';
const QUOTES = 24;

let store: DisposableStore;
let server: SubgraphServer;
let url: string;
const opportunityIds: string[] = [];

/** 24 quotes of two dealers, each with three lines, approved by the manager, accepted, split and activated. */
beforeAll(async () => {
  store = await openCpqStore();
  await createCatalogue(store);
  await createApprovalRules(store);
  const crm = new FakeCrm();
  for (let i = 0; i < QUOTES; i++) {
    const dealer = i % 2 ? HAMBURG : MUNICH;
    const opportunity = crm.addOpportunity(`opp-${i}`, dealer);
    opportunityIds.push(opportunity.id);
    const seller = as(store, staff, { crm });
    const quote = await createQuote(seller, {
      opportunityId: opportunity.id,
      startDate: '2099-01-15',
      lines: [
        { productCode: 'V-TRA-CARGOL2H2', quantity: 1, discountPercent: '15' },
        { productCode: 'A-MAT-AW', quantity: 2, shipTo: 'Depot' },
        { productCode: 'S-MAINT', quantity: 1, requestedDate: '2099-02-01' },
      ],
    });
    await submitQuote(seller, quote.id);
    const [approval] = await approvalsByQuoteIds(store, [quote.id]);
    await approveApproval(as(store, person('maria')), approval!.id, null);
    await presentQuote(seller, quote.id);
    await acceptQuote(seller, quote.id);
    for (const order of await ordersByQuoteIds(store, [quote.id])) await activateOrder(seller, order.id);
  }
  await setInventory(as(store, staff), MUNICH, 'V-TRA-CARGOL2H2', 3);
  await setInventory(as(store, staff), HAMBURG, 'V-TRA-CARGOL2H2', 1);
  await setInventory(as(store, staff), HAMBURG, 'A-MAT-AW', 12);
  server = await createCpqServer({ store, signingSecret: SECRET, crmUrl: 'http://127.0.0.1:1/graphql', logger: createLogger('cpq-test', 'silent') });
  url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await store?.close();
});

async function graphql<Data>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signIdentity(identity, SECRET) }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data: Data; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const QUOTE_PAGE = `query($first: Int!) { quotes(first: $first) { nodes {
  number netAmount priceBook { name } opportunity { id }
  lines { productCode netTotal product { name discountTiers { minQuantity } } }
  approvals { status rule { name } approver { name } decidedBy { name } }
  orders { number totalAmount items { productCode quoteLine { number } product { code } } contract { number } }
  contract { number subscriptions { product { code } } assets { name product { code } } entitlements { name asset { name } } }
} } }`;

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Opportunity { id quotes { number lines { productCode } } primaryQuote { number orders { number } } }
} }`;

describe('SQL statements per request', () => {
  // One statement per kind of record the query asks for (17 here: the page, then price books, lines, approvals,
  // orders, contracts, products, rules, approvers, items, …), whatever the number of quotes on the page.
  it('a page of quotes with lines, products, approvals, orders, items and contracts costs the same for 5 as for 24', async () => {
    const small = await countStatements(store, () => graphql<{ quotes: { nodes: unknown[] } }>(staff, QUOTE_PAGE, { first: 5 }));
    const large = await countStatements(store, () => graphql<{ quotes: { nodes: unknown[] } }>(staff, QUOTE_PAGE, { first: QUOTES }));
    expect(small.result.quotes.nodes).toHaveLength(5);
    expect(large.result.quotes.nodes).toHaveLength(QUOTES);
    expect(large.statements.length, large.statements.join('\n')).toBe(small.statements.length);
    expect(large.statements.length, large.statements.join('\n')).toBeLessThanOrEqual(17);
  });

  it('the gateway’s entity fetch for every opportunity of a page is one batch', async () => {
    const representations = opportunityIds.map((id) => ({ __typename: 'Opportunity', id }));
    const { result, statements } = await countStatements(store, () => graphql<{ _entities: { quotes: unknown[] }[] }>(staff, ENTITIES, { representations }));
    expect(result._entities.every((o) => o.quotes.length === 1)).toBe(true);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(4);
  });

  it('a partner’s page holds only its own dealer’s quotes, also through entities', async () => {
    const munich = partnerOf(MUNICH);
    const page = await graphql<{ quotes: { nodes: { opportunity: { id: string } }[] } }>(munich, QUOTE_PAGE, { first: QUOTES });
    expect(page.quotes.nodes.map((q) => q.opportunity.id).sort()).toEqual(opportunityIds.filter((_, i) => i % 2 === 0).sort());
    const entities = await graphql<{ _entities: { quotes: unknown[]; primaryQuote: unknown }[] }>(munich, ENTITIES, { representations: opportunityIds.slice(0, 2).map((id) => ({ __typename: 'Opportunity', id })) });
    expect(entities._entities.map((o) => [o.quotes.length, o.primaryQuote === null])).toEqual([
      [1, false],
      [0, true],
    ]);
  });

  it('prices in a book, stock and entitlements batch across the accounts and products asked for', async () => {
    const ACCOUNTS = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Account { id stock(productCodes: ["v-tra-cargol2h2", " A-MAT-AW "]) { productCode quantityOnHand } entitlements(onDate: "2099-06-30") { name } }
    } }`;
    const representations = [MUNICH, HAMBURG, 'account-of-opp-0', 'account-of-opp-1'].map((id) => ({ __typename: 'Account', id }));
    const { result, statements } = await countStatements(store, () => graphql<{ _entities: { stock: { productCode: string; quantityOnHand: number }[]; entitlements: { name: string }[] }[] }>(staff, ACCOUNTS, { representations }));
    expect(result._entities.map((a) => [a.stock.map((i) => `${i.productCode}×${i.quantityOnHand}`), a.entitlements.map((e) => e.name)])).toEqual([
      [['V-TRA-CARGOL2H2×3'], []],
      [['A-MAT-AW×12', 'V-TRA-CARGOL2H2×1'], []],
      [[], ['Roadside assistance', 'Maintenance plan']],
      [[], ['Roadside assistance', 'Maintenance plan']],
    ]);
    expect(statements).toHaveLength(2);
    const { products } = await graphql<{ products: { nodes: { code: string; standard: string; munich: string }[] } }>(
      staff,
      `query($munich: ID!) { products(first: 10) { nodes { code standard: price munich: price(priceBookId: $munich) } } }`,
      { munich: (await store.query<{ id: string }>('select id from price_books where dealer_id = $1', [MUNICH]))[0]!.id },
    );
    expect(products.nodes.find((p) => p.code === 'A-MAT-AW')).toEqual({ code: 'A-MAT-AW', standard: '119.00', munich: '99.00' });
    expect(products.nodes.find((p) => p.code === 'V-ARC-GT')).toEqual({ code: 'V-ARC-GT', standard: '78500.00', munich: '78500.00' });
  });
});
