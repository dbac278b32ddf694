import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphServer, graphIds, type Logger, type QueueInspector, type Store, type SubgraphServer } from '@l2c/shared';
import { parse, type GraphQLSchema } from 'graphql';
import { createContext, type Context } from './context.ts';
import type { DeliveryQueue } from './delivery/queue.ts';
import { resolvers } from './resolvers/index.ts';
import type { SecretBox } from './secrets/secretBox.ts';

type SubgraphModule = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>;

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The notifications subgraph's migrations folder, for `openStore` and tests. */
export const migrationsDir = new URL('./store/migrations', import.meta.url);

/** The notifications subgraph schema: SDL beside its resolvers. */
export function buildNotificationsSchema(): GraphQLSchema {
  // The resolver map is checked against the generated types (`satisfies` in resolvers/index.ts); Apollo's own map type
  // does not know custom scalars' classes, hence the widening here.
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphModule['resolvers'] });
}

export interface NotificationsServerOptions {
  store: Store;
  signingSecret: string;
  /** Encrypts and decrypts webhook signing secrets. */
  secrets: SecretBox;
  /** Where resumes and redeliveries queue deliveries. */
  queue: DeliveryQueue;
  /** Reads the graph's job queues for `jobQueues` and `retryJobs`. Default: none; those fields answer `JOBS_UNAVAILABLE`. */
  jobs?: QueueInspector | null;
  logger: Logger;
}

/** Builds the notifications server on a store; importable by tests; never listens by itself. */
export function createNotificationsServer(options: NotificationsServerOptions): Promise<SubgraphServer> {
  const { store, secrets, queue } = options;
  return createSubgraphServer<Context>({
    name: 'notifications',
    schema: buildNotificationsSchema(),
    signingSecret: options.signingSecret,
    createContext: (identity) => createContext({ store, secrets, queue, jobs: options.jobs ?? null }, identity),
    ready: () => store.ping(),
    logger: options.logger,
    // Job ids are BullMQ's (a run's id, `repeat:…`), not the graph's.
    ids: graphIds({ foreign: ['Mutation.retryJobs.ids'] }),
  });
}
