import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  combineSyncSurfaces,
  createSubgraphClient,
  createSubgraphServer,
  graphIds,
  localSyncSurface,
  type Identity,
  type Logger,
  type RemoteSyncSource,
  type Store,
  type SubgraphServer,
  type SubgraphServerOptions,
  type SyncEngine,
} from '@l2c/shared';
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
  /** CRM's own Salesforce sync engine. Default: none. */
  sync?: SyncEngine | null;
  /**
   * The other subgraphs' syncs, reached at their internal listeners: the graph's sync fields cover their objects too.
   * Default: none. With neither these nor `sync` the sync fields answer `SYNC_DISABLED`.
   */
  syncRemotes?: readonly RemoteSyncSource[];
  /** Routes served beside `/graphql` without the gateway's signature, e.g. `/metrics`. Default: none. */
  routes?: SubgraphServerOptions<Context>['routes'];
  /** Where `routes` are served (never the GraphQL port). Default: the GraphQL port + 5000 on 127.0.0.1. */
  internal?: SubgraphServerOptions<Context>['internal'];
}

/** How long dealer matching waits for CPQ's stock before ranking without it. */
const STOCK_TIMEOUT_MS = 2_000;

/**
 * Ids CRM issues (UUIDs, record numbers), except sync errors' and conflicts', which name the subgraph whose sync holds
 * them (`cpq:42`) and are checked by the sync surface.
 */
const CRM_IDS = graphIds({ foreign: ['Mutation.retrySyncErrors.ids', 'Mutation.skipSyncErrors.ids', 'Mutation.resolveSyncConflict.id'] });

/** Builds the CRM server on a store; importable by tests; never listens by itself. */
export async function createCrmServer(options: CrmServerOptions): Promise<SubgraphServer> {
  const cpq = options.cpqUrl ? createSubgraphClient({ url: options.cpqUrl, name: 'cpq', timeoutMs: STOCK_TIMEOUT_MS }) : null;
  const local = options.sync ? localSyncSurface(options.sync) : null;
  const remotes = options.syncRemotes ?? [];
  const syncFor = (identity: Identity) =>
    local || remotes.length > 0 ? combineSyncSurfaces({ localName: 'crm', local, remotes: remotes.map((remote) => ({ name: remote.name, surface: remote.as(identity) })) }) : null;
  const server = await createSubgraphServer<Context>({
    name: 'crm',
    schema: buildCrmSchema(),
    signingSecret: options.signingSecret,
    ids: CRM_IDS,
    createContext: (identity, identityHeaders) => createContext(options.store, identity, cpq ? cpqDealerStock(cpq, identityHeaders, options.logger) : undefined, syncFor(identity)),
    ready: () => options.store.ping(),
    logger: options.logger,
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.internal ? { internal: options.internal } : {}),
  });
  return server;
}
