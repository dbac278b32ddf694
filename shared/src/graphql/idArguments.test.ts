import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { UUID_IDS, checkIdArguments, graphIds } from './idArguments.ts';

const ID = '3f2b8c1e-5d4a-4e7b-9c61-0a8d2f4b7e90';

function schema(format = UUID_IDS) {
  const built = buildSchema(`
    type Query { lead(id: ID!): String leads(dealerIds: [ID!]): [String!]! search(text: String!): String _entities(id: String): String }
    type Mutation { createQuote(input: QuoteInput!): String }
    input QuoteInput { opportunityId: ID! lines: [LineInput!] name: String }
    input LineInput { productId: ID! }
  `);
  const seen: unknown[] = [];
  const resolve = (_: unknown, args: unknown, __: unknown, info: { fieldName: string }) => {
    seen.push(args);
    return info.fieldName === 'leads' ? ['ok'] : 'ok';
  };
  for (const type of [built.getQueryType()!, built.getMutationType()!]) for (const field of Object.values(type.getFields())) field.resolve = resolve;
  checkIdArguments(built, format);
  return { built, seen };
}

describe('checkIdArguments', () => {
  it('lets well-formed ids through to the resolver', async () => {
    const { built, seen } = schema();
    const result = await graphql({ schema: built, source: `{ lead(id: "${ID}") leads(dealerIds: ["${ID}"]) }` });
    expect(result).toEqual({ data: { lead: 'ok', leads: ['ok'] } });
    expect(seen).toHaveLength(2);
  });

  it('refuses a malformed id as BAD_USER_INPUT naming the argument, the value and the rule, before the resolver runs', async () => {
    const { built, seen } = schema();
    const result = await graphql({ schema: built, source: '{ lead(id: "nope") }' });
    expect(result.errors?.[0]?.message).toBe(`id: ${UUID_IDS.rule} (got "nope")`);
    expect(result.errors?.[0]?.originalError).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'id', value: 'nope' } });
    expect(seen).toEqual([]);
  });

  it('checks ids in lists and in input objects, naming the path', async () => {
    const { built } = schema();
    const list = await graphql({ schema: built, source: `{ leads(dealerIds: ["${ID}", "x"]) }` });
    expect(list.errors?.[0]?.message).toMatch(/^dealerIds\[1\]: must be an id this graph issued/);
    const nested = await graphql({ schema: built, source: `mutation { createQuote(input: { opportunityId: "${ID}", lines: [{ productId: "42" }, { productId: "4-2" }] }) }` });
    expect(nested.errors?.[0]?.message).toMatch(/^input\.lines\[1\]\.productId: must be an id this graph issued .* \(got "4-2"\)$/);
  });

  it('leaves the arguments and input fields whose ids another system issues to the subgraph', async () => {
    const { built, seen } = schema(graphIds({ foreign: ['Query.leads.dealerIds', 'LineInput.productId'] }));
    const result = await graphql({ schema: built, source: `mutation { createQuote(input: { opportunityId: "${ID}", lines: [{ productId: "SKU-1" }] }) }` });
    expect(result).toEqual({ data: { createQuote: 'ok' } });
    expect(await graphql({ schema: built, source: '{ leads(dealerIds: ["DLR-7"]) }' })).toEqual({ data: { leads: ['ok'] } });
    const other = await graphql({ schema: built, source: `mutation { createQuote(input: { opportunityId: "OPP-1" }) }` });
    expect(other.errors?.[0]?.message).toMatch(/^input\.opportunityId: must be an id this graph issued/);
    expect(seen).toHaveLength(2);
  });

  it('leaves other arguments and federation fields alone', async () => {
    const { built } = schema();
    expect(await graphql({ schema: built, source: '{ search(text: "nope") _entities(id: "x") }' })).toEqual({ data: { search: 'ok', _entities: 'ok' } });
  });
});

describe('graphIds', () => {
  it('takes UUIDs, record numbers and the fixed ids named, nothing else', () => {
    const format = graphIds({ fixed: ['standard-price-book'] });
    for (const id of [ID, '42', 'standard-price-book']) expect(format.pattern.test(id), id).toBe(true);
    for (const id of ['nope', '0', '-1', 'standard-price-book-2', `${ID}x`, '']) expect(format.pattern.test(id), id).toBe(false);
    expect(format.rule).toContain('or standard-price-book');
  });
});
