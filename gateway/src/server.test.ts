import { afterEach, describe, expect, it } from 'vitest';
import { issueToken } from '@l2c/shared';
import {
  JWT_SECRET,
  closeAll,
  composeTestSupergraph,
  postGraphQL,
  startGateway,
  startTestGateway,
  startTestSubgraph,
  tokenFor,
} from './testHarness.ts';

afterEach(closeAll);

const WHOAMI = '{ whoami { subject roles dealerAccountId } }';

describe('authentication and identity', () => {
  it('passes a staff caller through, and the subgraph sees who it is', async () => {
    const { base, subgraph } = await startTestGateway();
    const { status, body } = await postGraphQL(base, WHOAMI, await tokenFor('staff'));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { whoami: { subject: 'test-staff', roles: ['staff'], dealerAccountId: null } } });
    expect(subgraph.seen).toEqual([{ subject: 'test-staff', roles: ['staff'], dealerAccountId: null }]);
  });

  it("carries a partner's dealer account to the subgraph", async () => {
    const { base, subgraph } = await startTestGateway();
    const { body } = await postGraphQL(base, WHOAMI, await tokenFor('partner', 'dealer-42'));
    expect(body.data).toEqual({ whoami: { subject: 'test-partner', roles: ['partner'], dealerAccountId: 'dealer-42' } });
    expect(subgraph.seen[0]).toEqual({ subject: 'test-partner', roles: ['partner'], dealerAccountId: 'dealer-42' });
  });

  const refusals: [string, () => Promise<string | null>, RegExp][] = [
    ['no token', async () => null, /no Authorization header/],
    ['a token with a bad signature', async () => `${(await tokenFor('staff')).slice(0, -4)}AAAA`, /signature verification failed/],
    ['an expired token', () => tokenFor('staff', undefined, '-1 minute'), /"exp" claim timestamp check failed/],
    ['a token signed with another secret', () => issueToken('some-other-secret-entirely', { sub: 'x', roles: ['staff'] }), /signature verification failed/],
    ['a token with no known role', () => issueToken(JWT_SECRET, { sub: 'x', roles: ['boss' as 'staff'] }), /no known role/],
  ];
  it.each(refusals)('refuses %s with 401 UNAUTHENTICATED and the reason', async (_name, token, reason) => {
    const { base, subgraph } = await startTestGateway();
    const { status, body } = await postGraphQL(base, WHOAMI, await token());
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(reason);
    expect(subgraph.seen).toEqual([]);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const { base } = await startTestGateway();
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify({ query: WHOAMI }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/not "Bearer <token>"/);
  });

  it('leaves a subgraph refusing callers that go around the gateway', async () => {
    const subgraph = await startTestSubgraph();
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('staff')}` },
      body: JSON.stringify({ query: WHOAMI }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(subgraph.seen).toEqual([]);
  });
});

describe('errors', () => {
  it.each([
    ['BAD_USER_INPUT', 400],
    ['NOT_FOUND', 200],
    ['FORBIDDEN', 200],
    ['CONFLICT', 200],
    ['UNAUTHENTICATED', 200],
  ])('passes a subgraph %s through to the client (HTTP %i)', async (code, httpStatus) => {
    const { base } = await startTestGateway();
    const { status, body } = await postGraphQL(base, 'query Fail($code: String!) { fail(code: $code) }', await tokenFor('staff'), { code });
    expect(status).toBe(httpStatus);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({ message: `the test subgraph refused with ${code}`, extensions: { code, field: 'fail' } });
  });
});

describe('subgraph URLs', () => {
  it('sends requests to the SUBGRAPH_URLS override, not the URL in the supergraph', async () => {
    const subgraph = await startTestSubgraph();
    // Port 9 (discard) has nothing listening here: a request that went to the supergraph's URL would fail.
    const { base } = await startGateway({ supergraphSdl: composeTestSupergraph('http://127.0.0.1:9/graphql'), subgraphUrls: { test: subgraph.url } });
    const { body } = await postGraphQL(base, WHOAMI, await tokenFor('engineer'));
    expect(body.data).toEqual({ whoami: { subject: 'test-engineer', roles: ['engineer'], dealerAccountId: null } });
    expect(subgraph.seen).toHaveLength(1);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it('refuses to start when an override names a subgraph the supergraph does not have', async () => {
    const subgraph = await startTestSubgraph();
    await expect(startGateway({ supergraphSdl: composeTestSupergraph(subgraph.url), subgraphUrls: { tset: subgraph.url } })).rejects.toThrow(
      /SUBGRAPH_URLS\) name tset, which the supergraph does not have; it has test/,
    );
  });
});

describe('health and readiness', () => {
  it('answers /health, and /ready until the subgraph goes away', async () => {
    const { base, subgraph } = await startTestGateway();
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', subgraphs: { test: 'ready' } });

    await subgraph.server.close();
    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'not ready', subgraphs: { test: expect.stringMatching(/^unreachable: ECONNREFUSED/) } });
  });

  it('answers 404 on paths it does not serve', async () => {
    const { base } = await startTestGateway();
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/ide/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('layers', () => {
  it('hands a layer the HTTP server and the GraphQL path, and closes it before the server', async () => {
    const events: string[] = [];
    let attachedTo: unknown;
    const { gateway } = await startTestGateway({
      layers: [
        async (parts) => {
          attachedTo = parts.http;
          events.push(`attached to ${parts.path}`);
          return { close: async () => void events.push(`closed while listening: ${parts.http.listening}`) };
        },
      ],
    });
    expect(attachedTo).toBe(gateway.http);
    await gateway.close();
    expect(events).toEqual(['attached to /graphql', 'closed while listening: true']);
  });
});
