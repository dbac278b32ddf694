import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, composeTestSupergraph, postGraphQL, startGateway, startTestSubgraph, tokenFor, type GraphQLBody } from './testHarness.ts';

afterEach(closeAll);

const WHOAMI = '{ whoami { subject } }';

/** A server that takes connections and requests and never answers them. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const http: Server = createServer(() => undefined);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`,
    close: () => new Promise((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    }),
  };
}

describe('a subgraph that fails', () => {
  it('that never answers is given up after the timeout: SUBGRAPH_UNAVAILABLE naming it, never INTERNAL_SERVER_ERROR', async () => {
    const silent = await silentServer();
    try {
      const { base } = await startGateway({ supergraphSdl: composeTestSupergraph(silent.url), subgraphCalls: { timeoutMs: 300 } });
      const { status, body } = await postGraphQL(base, WHOAMI, await tokenFor('staff'));
      expect(status).toBe(200);
      expect(body).toEqual({
        data: null,
        errors: [
          {
            message: 'the test subgraph is unavailable: no answer within 300 ms',
            path: ['whoami'],
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'test', reason: 'no answer within 300 ms', serviceName: 'test' },
          },
        ],
      });
    } finally {
      await silent.close();
    }
  });

  it('that keeps failing is short-circuited, and recovers by itself once it answers again', async () => {
    const subgraph = await startTestSubgraph();
    const port = Number(new URL(subgraph.url).port);
    const { base } = await startGateway({ supergraphSdl: composeTestSupergraph(subgraph.url), subgraphCalls: { circuit: { failureThreshold: 2, openMs: 400 } } });
    const token = await tokenFor('staff');
    await subgraph.server.close();
    const reasons: string[] = [];
    for (let i = 0; i < 3; i++) reasons.push(String((await postGraphQL(base, WHOAMI, token)).body.errors?.[0]?.extensions?.['reason']));
    expect(reasons.slice(0, 2)).toEqual(['connection refused', 'connection refused']);
    expect(reasons[2]).toMatch(/^it failed repeatedly \(last: connection refused\); calls are paused for another 1 s$/);

    await startTestSubgraph(port); // restarted in place, as a restarted process would be
    let body: GraphQLBody = (await postGraphQL(base, WHOAMI, token)).body;
    const deadline = Date.now() + 10_000;
    while (body.errors && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      body = (await postGraphQL(base, WHOAMI, token)).body;
    }
    expect(body).toEqual({ data: { whoami: { subject: 'test-staff' } } });
  });

  it('introspection is for staff, sf_admin and engineers; a partner gets FORBIDDEN saying why', async () => {
    const subgraph = await startTestSubgraph();
    const { base } = await startGateway({ supergraphSdl: composeTestSupergraph(subgraph.url) });
    const query = '{ __schema { queryType { name } } }';
    for (const role of ['staff', 'sf_admin', 'engineer'] as const) {
      expect((await postGraphQL(base, query, await tokenFor(role))).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    }
    const refused = await postGraphQL(base, query, await tokenFor('partner', 'dealer-1'));
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('introspection (__schema, __type) is for staff, sf_admin and engineer tokens; caller has partner'),
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await postGraphQL(base, '{ __typename }', await tokenFor('partner', 'dealer-1'))).body).toEqual({ data: { __typename: 'Query' } });
  });
});
