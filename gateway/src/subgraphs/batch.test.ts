import { buildSchema, execute, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { mergeFetches, splitAnswer, type FetchAnswer, type FetchRequest } from './batch.ts';

const schema = buildSchema(`
  type Query { product(upc: String!): Product, broken(upc: String!): Product!, products(first: Int): [Product!]! }
  type Product { upc: String!, name: String, price: Int }
`);
const rootValue = {
  product: ({ upc }: { upc: string }) => ({ upc, name: `Product ${upc}`, price: upc.length * 100 }),
  broken: ({ upc }: { upc: string }) => {
    throw new Error(`product ${upc} is out of reach`);
  },
  products: ({ first }: { first: number }) => Array.from({ length: first }, (_, i) => ({ upc: `p${i}`, name: `Product p${i}`, price: i })),
};

async function run(request: FetchRequest): Promise<FetchAnswer> {
  const document = parse(request.query);
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`the merged document is not valid: ${errors.map((error) => error.message).join('; ')}`);
  return JSON.parse(JSON.stringify(await execute({ schema, document, rootValue, variableValues: request.variables }))) as FetchAnswer;
}

describe('merging parallel fetches to one subgraph', () => {
  it('answers each fetch exactly as the subgraph answers it alone, variables, aliases and fragments included', async () => {
    const fetches: FetchRequest[] = [
      { query: 'query A($upc: String!) { product(upc: $upc) { ...P } }  fragment P on Product { upc name }', variables: { upc: 'a1' } },
      { query: 'query B($upc: String!, $first: Int) { cheap: product(upc: $upc) { price } products(first: $first) { upc } }', variables: { upc: 'b22', first: 2 } },
      { query: '{ product(upc: "c") { ... on Product { name } } }' },
    ];
    const merged = mergeFetches(fetches)!;
    expect(merged).not.toBeNull();
    const parts = splitAnswer(await run(merged), fetches.length);
    expect(parts).toEqual(await Promise.all(fetches.map(run)));
  });

  it('gives each fetch its own errors, with the paths it asked for', async () => {
    const fetches: FetchRequest[] = [
      { query: 'query($upc: String!) { product(upc: $upc) { upc } }', variables: { upc: 'ok' } },
      { query: 'query($upc: String!) { broken(upc: $upc) { upc } }', variables: { upc: 'x9' } },
    ];
    const [fine, failed] = splitAnswer(await run(mergeFetches(fetches)!), 2);
    expect(failed!.errors).toEqual([expect.objectContaining({ message: 'product x9 is out of reach', path: ['broken'] })]);
    expect(fine!.errors ?? []).toEqual([]);
    // A non-null root field that fails nulls the whole merged answer: the data source then sends each fetch alone.
    expect(fine!.data).toBeNull();
  });

  it('gives errors without a path (the whole call failed) to every fetch', () => {
    const parts = splitAnswer({ errors: [{ message: 'identity signature is not valid' }] }, 3);
    expect(parts.map((part) => part.errors?.[0]?.message)).toEqual(Array(3).fill('identity signature is not valid'));
  });

  it('refuses to merge mutations, operations with directives, or documents it cannot read', () => {
    expect(mergeFetches([{ query: '{ product(upc: "a") { upc } }' }, { query: 'mutation { save(upc: "a") }' }])).toBeNull();
    expect(mergeFetches([{ query: '{ product(upc: "a") { upc } }' }, { query: 'query @cached { product(upc: "b") { upc } }' }])).toBeNull();
    expect(mergeFetches([{ query: '{ product(upc: "a") { upc } }' }, { query: '{ product(' }])).toBeNull();
  });
});
