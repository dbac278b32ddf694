import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphServer, type Logger, type Store, type SubgraphServer } from '@l2c/shared';
import { parse, type GraphQLSchema } from 'graphql';
import { createContext, type Context } from './context.ts';
import { resolvers } from './resolvers/index.ts';

type SubgraphModule = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>;

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The CRM subgraph schema: SDL beside its resolvers. */
export function buildCrmSchema(): GraphQLSchema {
  // The resolver map is checked against the generated types (`satisfies` in resolvers/index.ts); Apollo's own map type
  // does not know custom scalars' classes, hence the widening here.
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphModule['resolvers'] });
}

export interface CrmServerOptions {
  store: Store;
  signingSecret: string;
  logger: Logger;
}

/** Builds the CRM server on a store; importable by tests; never listens by itself. */
export function createCrmServer(options: CrmServerOptions): Promise<SubgraphServer> {
  return createSubgraphServer<Context>({
    name: 'crm',
    schema: buildCrmSchema(),
    signingSecret: options.signingSecret,
    createContext: (identity) => createContext(options.store, identity),
    ready: () => options.store.ping(),
    logger: options.logger,
  });
}
