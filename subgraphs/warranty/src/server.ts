import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphServer, type Logger, type Store, type SubgraphServer, type SubgraphServerOptions } from '@l2c/shared';
import { parse, type GraphQLSchema } from 'graphql';
import { createContext, type Context } from './context.ts';
import { uploadRoute, UPLOAD_ROUTE } from './imports/uploadRoute.ts';
import type { ImportQueue } from './imports/queue.ts';
import type { AssetDirectory } from './intake/assetDirectory.ts';
import type { DealerDirectory } from './intake/dealerDirectory.ts';
import { resolvers } from './resolvers/index.ts';

type SubgraphModule = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>;

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));
/** The warranty store's migrations, for `openStore` and tests. */
export const migrationsDir = new URL('./store/migrations', import.meta.url);

/** The warranty subgraph schema: SDL beside its resolvers. */
export function buildWarrantySchema(): GraphQLSchema {
  // The resolver map is checked against the generated types (`satisfies` in resolvers/index.ts); Apollo's own map type
  // does not know custom scalars' classes, hence the widening here.
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphModule['resolvers'] });
}

export interface WarrantyServerOptions {
  store: Store;
  signingSecret: string;
  logger: Logger;
  /** Where CSV imports are queued once their file is uploaded. */
  importQueue: ImportQueue;
  /** CPQ's assets, for claims on assets warranty has not heard of yet. Default: none (only known assets). */
  assets?: AssetDirectory;
  /** Largest CSV file accepted, bytes. Default 100 MiB. */
  maxUploadBytes?: number;
  /** More routes beside `/graphql` (e.g. `/metrics`). Default: none. */
  routes?: SubgraphServerOptions<Context>['routes'];
}

/** Builds the warranty server on a store; importable by tests; never listens by itself. */
export async function createWarrantyServer(options: WarrantyServerOptions): Promise<SubgraphServer> {
  const upload = uploadRoute({ store: options.store, signingSecret: options.signingSecret, queue: options.importQueue, logger: options.logger, ...(options.maxUploadBytes ? { maxBytes: options.maxUploadBytes } : {}) });
  return createSubgraphServer<Context>({
    name: 'warranty',
    schema: buildWarrantySchema(),
    signingSecret: options.signingSecret,
    createContext: (identity) => createContext({ store: options.store, logger: options.logger, ...(options.assets ? { assets: options.assets } : {}) }, identity),
    ready: () => options.store.ping(),
    logger: options.logger,
    ...(options.routes ? { routes: options.routes } : {}),
    publicRoutes: { [UPLOAD_ROUTE]: upload },
  });
}
