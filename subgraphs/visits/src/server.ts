import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphClient, createSubgraphServer, graphIds, type Logger, type Store, type SubgraphServer, type SubgraphServerOptions } from '@l2c/shared';
import { parse, type GraphQLSchema } from 'graphql';
import { createContext, type Context } from './context.ts';
import { resolvers } from './resolvers/index.ts';

type SubgraphModule = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>;

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The migrations of the visits store, for tests and tools that open one. */
export const migrationsDir = new URL('./store/migrations', import.meta.url);

/** The visits subgraph schema: SDL beside its resolvers. */
export function buildVisitsSchema(): GraphQLSchema {
  // The resolver map is checked against the generated types (`satisfies` in resolvers/index.ts); Apollo's own map type
  // does not know custom scalars' classes, hence the widening here.
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphModule['resolvers'] });
}

export interface VisitsServerOptions {
  store: Store;
  signingSecret: string;
  /** CRM's GraphQL endpoint: visits read the dealer they are planned for there, as the caller. */
  crmUrl: string;
  logger: Logger;
  /** Operator and internal routes (e.g. `/sync`), served on the internal listener (the GraphQL port + 5000). Default: none. */
  routes?: SubgraphServerOptions<Context>['routes'];
}

/** Builds the visits server on a store; importable by tests; never listens by itself. */
export async function createVisitsServer(options: VisitsServerOptions): Promise<SubgraphServer> {
  const crmClient = createSubgraphClient({ url: options.crmUrl, name: 'crm' });
  return createSubgraphServer<Context>({
    name: 'visits',
    schema: buildVisitsSchema(),
    signingSecret: options.signingSecret,
    createContext: (identity, identityHeaders) => createContext({ store: options.store, crmClient, logger: options.logger }, identity, identityHeaders),
    ready: () => options.store.ping(),
    logger: options.logger,
    ...(options.routes ? { routes: options.routes } : {}),
    // A context record may name a promotion by the id of the system that owns it (docs/visits.md).
    ids: graphIds({ foreign: ['ContextRecordInput.id'] }),
  });
}
