import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { QueryLimitError, checkDocumentSize, checkRequestSize, queryLimitRules } from './limits.ts';
import { closeAll, postGraphQL, startTestGateway, tokenFor } from './testHarness.ts';

afterEach(closeAll);

const schema = buildSchema(`
  type Query { node(id: ID!): Node }
  type Node { id: ID! child: Node! }
`);

function limitErrors(query: string, limits = { maxDepth: 3, maxAliases: 2 }) {
  return validate(schema, parse(query), queryLimitRules(limits)).map((error) => {
    expect(error).toBeInstanceOf(QueryLimitError);
    const { code, limit, actual } = error as QueryLimitError;
    return { code, limit, actual, message: error.message };
  });
}

describe('depth', () => {
  it('accepts an operation at the limit and refuses one level deeper, saying both numbers', () => {
    expect(limitErrors('{ node(id: "1") { child { id } } }')).toEqual([]);
    expect(limitErrors('query Deep { node(id: "1") { child { child { id } } } }')).toEqual([
      { code: 'QUERY_TOO_COMPLEX', limit: 3, actual: 4, message: 'operation Deep is 4 levels deep; the limit is 3' },
    ]);
  });

  it('counts through named and inline fragments', () => {
    const query = `
      { node(id: "1") { ...Child } }
      fragment Child on Node { child { ... on Node { child { id } } } }
    `;
    expect(limitErrors(query)).toMatchObject([{ code: 'QUERY_TOO_COMPLEX', actual: 4 }]);
  });

  it('does not count into introspection, whose depth the schema bounds', () => {
    expect(limitErrors(getIntrospectionQuery(), { maxDepth: 3, maxAliases: 30 })).toEqual([]);
  });

  it('survives a fragment cycle, which graphql-js reports on its own', () => {
    const document = parse('{ node(id: "1") { ...A } } fragment A on Node { child { ...A } }');
    const errors = validate(schema, document, queryLimitRules({ maxDepth: 3, maxAliases: 2 }));
    expect(errors).toEqual([]);
  });
});

describe('aliases', () => {
  it('counts a fragment once for every place it is spread', () => {
    const query = `
      { a: node(id: "1") { ...Ids } b: node(id: "2") { ...Ids } }
      fragment Ids on Node { x: id }
    `;
    expect(limitErrors(query)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 2, actual: 4, message: 'the query uses 4 aliases; the limit is 2' }]);
  });

  it('accepts an operation with as many aliases as the limit', () => {
    expect(limitErrors('{ a: node(id: "1") { id } b: node(id: "2") { id } }')).toEqual([]);
  });
});

describe('size', () => {
  it('measures UTF-8 bytes, not characters', () => {
    expect(checkDocumentSize('{ a }', 5)).toBeNull();
    expect(checkDocumentSize('# é\n{ a }', 9)).toMatchObject({ code: 'QUERY_TOO_LARGE', limit: 9, actual: 10 });
  });

  it('checks JSON bodies, batches and GET query strings', () => {
    const big = `{ ${'a '.repeat(60)}}`;
    expect(checkRequestSize({ body: { query: big }, search: '' }, 100)).toBeInstanceOf(QueryLimitError);
    expect(checkRequestSize({ body: [{ query: '{ a }' }, { query: big }], search: '' }, 100)).toBeInstanceOf(QueryLimitError);
    expect(checkRequestSize({ body: '', search: `?query=${encodeURIComponent(big)}` }, 100)).toBeInstanceOf(QueryLimitError);
    expect(checkRequestSize({ body: { query: '{ a }' }, search: '' }, 100)).toBeNull();
  });
});

describe('through the gateway', () => {
  it('refuses a deep query with QUERY_TOO_COMPLEX and 400', async () => {
    const { base, subgraph } = await startTestGateway({ limits: { maxDepth: 3 } });
    const { status, body } = await postGraphQL(base, '{ node(id: "1") { child { child { id } } } }', await tokenFor('staff'));
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({ message: 'the query is 4 levels deep; the limit is 3', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 3, actual: 4 } });
    expect(subgraph.seen).toEqual([]);
  });

  it('refuses too many aliases with QUERY_TOO_COMPLEX', async () => {
    const { base } = await startTestGateway({ limits: { maxAliases: 2 } });
    const { status, body } = await postGraphQL(base, '{ a: whoami { subject } b: whoami { subject } c: whoami { subject } }', await tokenFor('staff'));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 2, actual: 3 });
  });

  it('refuses a large document with QUERY_TOO_LARGE before parsing it, introspection included', async () => {
    const { base } = await startTestGateway({ limits: { maxBytes: 1000 } });
    const introspection = getIntrospectionQuery();
    const { status, body } = await postGraphQL(base, introspection, await tokenFor('staff'));
    expect(status).toBe(413);
    expect(body.errors?.[0]).toEqual({
      message: `the GraphQL document is ${introspection.length} bytes; the limit is 1000 bytes`,
      extensions: { code: 'QUERY_TOO_LARGE', limit: 1000, actual: introspection.length },
    });
    const unparseable = await postGraphQL(base, `{ ${'x'.repeat(2000)}`, await tokenFor('staff'));
    expect(unparseable.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
  });

  it('serves introspection within the limits', async () => {
    const { base } = await startTestGateway();
    const { status, body } = await postGraphQL(base, getIntrospectionQuery(), await tokenFor('staff'));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});
