import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError, conflict } from '../errors.ts';
import { IDENTITY_HEADER, signIdentity, type Identity } from '../identity.ts';
import { createLogger } from '../logger.ts';
import { createSubgraphServer, type SubgraphServer } from '../server/subgraphServer.ts';
import { createSubgraphClient, SubgraphRequestError, type IdentityHeaders } from './client.ts';

const SECRET = 'graph-client-test-secret-0123456789';
const logger = createLogger('graph-client-test', 'silent');
const partner: Identity = { subject: 'p-1', roles: ['partner'], dealerAccountId: 'dealer-1' };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function schemaOf<C>(fields: Record<string, GraphQLFieldConfig<unknown, C>>): GraphQLSchema {
  return new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields }) });
}

/** `downstream` answers who called it; `upstream` asks downstream, forwarding its own caller's headers. */
async function pair() {
  const downstream = await createSubgraphServer<{ identity: Identity }>({
    name: 'downstream',
    schema: schemaOf({
      whoami: { type: new GraphQLNonNull(GraphQLString), resolve: (_p, _a, ctx: { identity: Identity }) => `${ctx.identity.subject}@${ctx.identity.dealerAccountId}` },
      refuse: {
        type: GraphQLString,
        resolve: () => {
          throw conflict('opportunity o-1 is Closed Won; a closed opportunity does not change', { rule: 'OPPORTUNITY_CLOSED' });
        },
      },
    }),
    signingSecret: SECRET,
    createContext: (identity) => ({ identity }),
    ready: async () => true,
    logger,
  });
  const downstreamUrl = `http://127.0.0.1:${await downstream.listen(0)}/graphql`;
  const client = createSubgraphClient({ url: downstreamUrl });
  const upstream: SubgraphServer = await createSubgraphServer<{ headers: IdentityHeaders | null }>({
    name: 'upstream',
    schema: schemaOf({
      relay: {
        type: new GraphQLNonNull(GraphQLString),
        resolve: async (_p, _a, ctx: { headers: IdentityHeaders | null }) => (await client.request<{ whoami: string }>(ctx.headers!, '{ whoami }')).whoami,
      },
    }),
    signingSecret: SECRET,
    createContext: (_identity, headers) => ({ headers }),
    ready: async () => true,
    logger,
  });
  const upstreamUrl = `http://127.0.0.1:${await upstream.listen(0)}/graphql`;
  closers.push(() => downstream.close(), () => upstream.close());
  return { client, upstreamUrl };
}

describe('subgraph client', () => {
  it("forwards the caller's own signed identity headers, byte for byte, from one subgraph to the next", async () => {
    const { upstreamUrl } = await pair();
    const headers = signIdentity(partner, SECRET);
    const response = await fetch(upstreamUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query":"{ relay }"}' });
    expect(await response.json()).toEqual({ data: { relay: 'p-1@dealer-1' } });
  });

  it('keeps concurrent callers apart', async () => {
    const { upstreamUrl } = await pair();
    const callers = Array.from({ length: 8 }, (_, i): Identity => ({ subject: `p-${i}`, roles: ['partner'], dealerAccountId: `dealer-${i}` }));
    const answers = await Promise.all(
      callers.map(async (identity) => {
        const response = await fetch(upstreamUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...signIdentity(identity, SECRET) }, body: '{"query":"{ relay }"}' });
        return ((await response.json()) as { data: { relay: string } }).data.relay;
      }),
    );
    expect(answers).toEqual(callers.map((c) => `${c.subject}@${c.dealerAccountId}`));
  });

  it('throws a typed error carrying the GraphQL errors and the first code', async () => {
    const { client } = await pair();
    const error = await client.request(signIdentity(partner, SECRET), '{ refuse }').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphRequestError);
    expect(error).toMatchObject({ kind: 'GRAPHQL', code: 'CONFLICT' });
    expect((error as SubgraphRequestError).errors[0]).toMatchObject({ extensions: { rule: 'OPPORTUNITY_CLOSED' } });
    expect(error).not.toBeInstanceOf(DomainError);
  });

  it('reports an identity the subgraph refuses as an HTTP error with the status', async () => {
    const { client } = await pair();
    const forged = { ...signIdentity(partner, SECRET), [IDENTITY_HEADER]: 'forged' };
    await expect(client.request(forged, '{ whoami }')).rejects.toMatchObject({ kind: 'HTTP', details: { status: 401 } });
  });

  it('reports a subgraph that does not answer as UNREACHABLE, within the timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => (silent.closeAllConnections(), silent.close(() => resolve()))));
    const slow = createSubgraphClient({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`, timeoutMs: 200 });
    await expect(slow.request(signIdentity(partner, SECRET), '{ whoami }')).rejects.toMatchObject({ kind: 'UNREACHABLE', message: expect.stringContaining('no answer within 200 ms') });
    const closed = createSubgraphClient({ url: 'http://127.0.0.1:1/graphql' });
    await expect(closed.request(signIdentity(partner, SECRET), '{ whoami }')).rejects.toMatchObject({ kind: 'UNREACHABLE' });
  });
});
