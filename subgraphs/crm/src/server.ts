import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphClient, createSubgraphServer, type Logger, type Store, type SubgraphServer, type SubgraphServerOptions, type SyncEngine } from '@l2c/shared';
import { parse, type GraphQLSchema } from 'graphql';
import { createContext, type Context } from './context.ts';
import { cpqDealerStock } from './dealerStock.ts';
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
  /** CPQ's GraphQL endpoint, asked (as the caller) for dealer stock when matching dealers. Default: none, stock unknown. */
  cpqUrl?: string | undefined;
  /** The Salesforce sync engine the sync fields use. Default: none, they answer `SYNC_DISABLED`. */
  sync?: SyncEngine | null;
  /** Routes served beside `/graphql` without the gateway's signature, e.g. `/metrics`. Default: none. */
  routes?: SubgraphServerOptions<Context>['routes'];
  /** Where `routes` are served (never the GraphQL port). Default: the GraphQL port + 5000 on 127.0.0.1. */
  internal?: SubgraphServerOptions<Context>['internal'];
}

/** How long dealer matching waits for CPQ's stock before ranking without it. */
const STOCK_TIMEOUT_MS = 2_000;

/** Builds the CRM server on a store; importable by tests; never listens by itself. */
export async function createCrmServer(options: CrmServerOptions): Promise<SubgraphServer> {
  const cpq = options.cpqUrl ? createSubgraphClient({ url: options.cpqUrl, name: 'cpq', timeoutMs: STOCK_TIMEOUT_MS }) : null;
  const server = await createSubgraphServer<Context>({
    name: 'crm',
    schema: buildCrmSchema(),
    signingSecret: options.signingSecret,
    createContext: (identity, identityHeaders) => createContext(options.store, identity, cpq ? cpqDealerStock(cpq, identityHeaders, options.logger) : undefined, options.sync ?? null),
    ready: () => options.store.ping(),
    logger: options.logger,
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.internal ? { internal: options.internal } : {}),
  });
  return server;
}
