import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphClient, createSubgraphServer, graphIds, type Logger, type Store, type SubgraphServer, type SubgraphServerOptions } from '@l2c/shared';
import { parse, type GraphQLSchema } from 'graphql';
import { createContext, type Context } from './context.ts';
import { resolvers } from './resolvers/index.ts';

type SubgraphModule = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>;

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The CPQ subgraph schema: SDL beside its resolvers. */
export function buildCpqSchema(): GraphQLSchema {
  // The resolver map is checked against the generated types (`satisfies` in resolvers/index.ts); Apollo's own map type
  // does not know custom scalars' classes, hence the widening here.
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphModule['resolvers'] });
}

export interface CpqServerOptions {
  store: Store;
  signingSecret: string;
  /** CRM's GraphQL endpoint: CPQ reads opportunities there and syncs accepted quotes' totals, as the caller. */
  crmUrl: string;
  logger: Logger;
  /** Routes served beside `/graphql` without the gateway's signature, e.g. `/metrics`. Default: none. */
  routes?: SubgraphServerOptions<Context>['routes'];
}

/** Builds the CPQ server on a store; importable by tests; never listens by itself. */
export async function createCpqServer(options: CpqServerOptions): Promise<SubgraphServer> {
  const crmClient = createSubgraphClient({ url: options.crmUrl, name: 'crm' });
  const server = await createSubgraphServer<Context>({
    name: 'cpq',
    schema: buildCpqSchema(),
    signingSecret: options.signingSecret,
    createContext: (identity, identityHeaders) => createContext({ store: options.store, crmClient, logger: options.logger }, identity, identityHeaders),
    ready: () => options.store.ping(),
    logger: options.logger,
    ...(options.routes ? { routes: options.routes } : {}),
    // The standard price book's id is seeded by migration 0002; every other id is a UUID.
    ids: graphIds({ fixed: ['standard-price-book'] }),
  });
  return server;
}
