/**
 * For the gateway's tests: a tiny subgraph served by `createSubgraphServer`, a supergraph composed from it, and a
 * gateway in front. Everything listens on port 0 and is closed by `closeAll()` (call it in `afterEach`).
 */
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { DomainError, createLogger, createSubgraphServer, issueToken, type ErrorCode, type Identity, type Role, type SubgraphServer } from '@l2c/shared';
import { createGateway, type Gateway, type GatewayOptions } from './server.ts';

export const JWT_SECRET = 'test-jwt-secret-for-the-gateway';
export const SIGNING_SECRET = 'test-signing-secret-for-the-gateway';
export const silentLogger = createLogger('gateway-test', 'silent');

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    whoami: Caller!
    "Throws a domain error with this code."
    fail(code: String!): String
    node(id: ID!): Node
  }

  type Caller {
    subject: String!
    roles: [String!]!
    dealerAccountId: String
  }

  type Node @key(fields: "id") {
    id: ID!
    child: Node!
  }
`);

interface TestContext {
  identity: Identity;
}

const resolvers = {
  Query: {
    whoami: (_: unknown, __: unknown, context: unknown) => (context as TestContext).identity,
    fail: (_: unknown, args: { code: string }) => {
      throw new DomainError(args.code as ErrorCode, `the test subgraph refused with ${args.code}`, { field: 'fail' });
    },
    node: (_: unknown, args: { id: string }) => ({ id: args.id }),
  },
  Node: {
    child: (node: { id: string }) => ({ id: `${node.id}.1` }),
  },
};

const closers: (() => Promise<void>)[] = [];

/** Closes everything started since the last call, newest first. */
export async function closeAll(): Promise<void> {
  while (closers.length > 0) await closers.pop()?.();
}

export interface TestSubgraph {
  server: SubgraphServer;
  /** Where the subgraph serves GraphQL. */
  url: string;
  /** The identities the subgraph received, in order. */
  seen: Identity[];
}

/** Starts the test subgraph on `port` (default 0: any free port; a fixed one to restart a stopped subgraph in place). */
export async function startTestSubgraph(port = 0): Promise<TestSubgraph> {
  const seen: Identity[] = [];
  const server = await createSubgraphServer<TestContext>({
    name: 'test',
    schema: buildSubgraphSchema({ typeDefs, resolvers }),
    signingSecret: SIGNING_SECRET,
    createContext: (identity) => {
      seen.push(identity);
      return { identity };
    },
    ready: async () => true,
    logger: silentLogger,
    ids: false, // the test subgraph's nodes have ids like "n-1"
  });
  closers.push(() => server.close());
  const taken = await server.listen(port);
  return { server, url: `http://127.0.0.1:${taken}/graphql`, seen };
}

/** Composes a supergraph of the test subgraph, advertising it at `url`. */
export function composeTestSupergraph(url: string): string {
  const result = composeServices([{ name: 'test', typeDefs, url }]);
  if (result.errors) throw new Error(`composition failed: ${result.errors.map((error) => error.message).join('; ')}`);
  return result.supergraphSdl;
}

/** Starts a gateway over a fresh test subgraph; `options` override the defaults. */
export async function startTestGateway(options: Partial<GatewayOptions> & { advertisedUrl?: string } = {}) {
  const subgraph = await startTestSubgraph();
  const gateway = await startGateway({ supergraphSdl: composeTestSupergraph(options.advertisedUrl ?? subgraph.url), ...options });
  return { subgraph, ...gateway };
}

export async function startGateway(options: Partial<GatewayOptions> & { supergraphSdl: string }): Promise<{ gateway: Gateway; base: string }> {
  const gateway = await createGateway({ jwt: { secret: JWT_SECRET }, signingSecret: SIGNING_SECRET, logger: silentLogger, ...options });
  closers.push(() => gateway.close());
  const port = await gateway.listen(0);
  return { gateway, base: `http://127.0.0.1:${port}` };
}

export function tokenFor(role: Role, dealerAccountId?: string, expiresIn?: string): Promise<string> {
  return issueToken(JWT_SECRET, { sub: `test-${role}`, roles: [role], dealerAccountId: dealerAccountId ?? null }, expiresIn);
}

/** POSTs an operation to the gateway; `token: null` sends no Authorization header. */
export async function postGraphQL(base: string, query: string, token: string | null, variables?: Record<string, unknown>) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}
