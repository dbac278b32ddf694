import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphServer, type IdFormat, type SubgraphServer } from '@l2c/shared';
import { parse, type GraphQLSchema } from 'graphql';
import { createContext, type InsightsServices } from './context.ts';
import { downloadRoutes } from './export/routes.ts';
import { resolvers } from './resolvers/index.ts';

type SubgraphModule = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>;

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The insights subgraph's migrations folder, for `openStore` and tests. */
export const migrationsDir = new URL('./store/migrations', import.meta.url);

/** The insights subgraph schema: SDL beside its resolvers. */
export function buildInsightsSchema(): GraphQLSchema {
  // The resolver map is checked against the generated types (`satisfies` in resolvers/index.ts); Apollo's own map type
  // does not know custom scalars' classes, hence the widening here.
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphModule['resolvers'] });
}

export interface InsightsServerOptions extends InsightsServices {
  signingSecret: string;
  /** The ids the log's cases and objects carry (the other subgraphs'). Default: the graph's UUIDs and record numbers. */
  ids?: IdFormat;
}

/** Builds the insights server: the graph, and the download routes its signed links point at. Never listens by itself. */
export function createInsightsServer(options: InsightsServerOptions): Promise<SubgraphServer> {
  const { signingSecret, ids, ...services } = options;
  return createSubgraphServer({
    name: 'insights',
    schema: buildInsightsSchema(),
    signingSecret,
    createContext: (identity) => createContext(services, identity),
    ready: () => services.store.ping(),
    logger: services.logger,
    ...(ids ? { ids } : {}),
    publicRoutes: downloadRoutes({ store: services.store, links: services.links, logger: services.logger }),
  });
}

export type { InsightsServices } from './context.ts';
