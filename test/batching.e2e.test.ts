import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '@l2c/shared/testing';
import { ok, startStack, type Stack } from './harness.ts';

let stack: Stack;
let staff: string;
beforeAll(async () => {
  stack = await startStack({ demoSize: 6 });
  staff = await stack.token('staff');
});
afterAll(() => stack?.[Symbol.asyncDispose]());

/** The page the budget is about: each opportunity with its account, line items and preferred sellers. */
const PAGE = `query($first: Int!) { opportunities(first: $first) {
  nodes { id name account { name } lineItems { productName quantity } preferredSellers { reason notes } }
} }`;
/** One level deeper on two branches: the account's servicing dealer and each preferred seller's dealer. */
const DEEPER = `query($first: Int!) { opportunities(first: $first) {
  nodes { id account { name servicingDealer { name } } lineItems { productName } preferredSellers { reason dealer { name } } }
} }`;

describe('SQL statements per request', () => {
  it.each([10, 100])('opportunities(first: %i) with accounts, line items and preferred sellers costs at most 4 statements', async (first) => {
    const { result, statements } = await countStatements(stack.store, () => stack.graphql<{ opportunities: { nodes: unknown[] } }>(staff, PAGE, { first }));
    expect(ok(result).opportunities.nodes).toHaveLength(first);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(4);
  });

  it('grows by one statement per level of nesting, not per row', async () => {
    const small = await countStatements(stack.store, () => stack.graphql(staff, DEEPER, { first: 5 }));
    const large = await countStatements(stack.store, () => stack.graphql(staff, DEEPER, { first: 100 }));
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(6);
  });
});

describe('pagination through the gateway', () => {
  it('walks every lead forwards and backwards with opaque cursors, without gaps or repeats', async () => {
    type Page = { leads: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null }; nodes: { id: string }[] } };
    const forward: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const page: Page = ok(await stack.graphql<Page>(staff, `query($after: String) { leads(first: 17, after: $after, orderBy: { field: LAST_NAME, direction: ASC }) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } nodes { id } } }`, { after }));
      total = page.leads.totalCount;
      forward.push(...page.leads.nodes.map((n) => n.id));
      if (!page.leads.pageInfo.hasNextPage) break;
      after = page.leads.pageInfo.endCursor;
    }
    expect(new Set(forward).size).toBe(forward.length);
    expect(forward.length).toBe(total);

    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: Page = ok(await stack.graphql<Page>(staff, `query($before: String) { leads(last: 23, before: $before, orderBy: { field: LAST_NAME, direction: ASC }) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } nodes { id } } }`, { before }));
      backward.unshift(...page.leads.nodes.map((n) => n.id));
      if (!page.leads.pageInfo.hasPreviousPage) break;
      before = page.leads.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it('refuses a cursor it did not issue and a page that is too large', async () => {
    const bad = await stack.graphql(staff, '{ leads(after: "not-a-cursor") { totalCount } }');
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('after: is not a cursor this list returned') });
    const big = await stack.graphql(staff, '{ leads(first: 5000) { totalCount } }');
    expect(big.errors?.[0]?.message).toContain('first: must be a whole number from 0 to 200');
  });
});
