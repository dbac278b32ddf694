import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphServer, type Logger, type Store, type SubgraphServer, type SubgraphServerOptions } from '@l2c/shared';
import { parse, type GraphQLSchema } from 'graphql';
import { defaultBillingSettings, type BillingSettings } from './commands/context.ts';
import { createContext, type Context } from './context.ts';
import { resolvers } from './resolvers/index.ts';
import type { InvoiceRunQueue } from './runs/queue.ts';

type SubgraphModule = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>;

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));
/** The billing store's migrations (tests open fresh stores with them). */
export const migrationsDir = fileURLToPath(new URL('./store/migrations', import.meta.url));

/** The billing subgraph schema: SDL beside its resolvers. */
export function buildBillingSchema(): GraphQLSchema {
  // The resolver map is checked against the generated types (`satisfies` in resolvers/index.ts); Apollo's own map type
  // does not know custom scalars' classes, hence the widening here.
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphModule['resolvers'] });
}

export interface BillingServerOptions {
  store: Store;
  signingSecret: string;
  logger: Logger;
  /** Billing policy. Default: EUR, 30 days to pay, amendments aligned. */
  settings?: BillingSettings;
  /** Where `startInvoiceRun` queues runs; null refuses them (INVOICE_RUNS_DISABLED). */
  runs: InvoiceRunQueue | null;
  /** Operator and internal routes (e.g. `/sync`), served on the internal listener (the GraphQL port + 5000). Default: none. */
  routes?: SubgraphServerOptions<Context>['routes'];
}

/** Builds the billing server on a store; importable by tests; never listens by itself. */
export async function createBillingServer(options: BillingServerOptions): Promise<SubgraphServer> {
  const deps = { store: options.store, settings: options.settings ?? defaultBillingSettings, runs: options.runs, logger: options.logger };
  return createSubgraphServer<Context>({
    name: 'billing',
    schema: buildBillingSchema(),
    signingSecret: options.signingSecret,
    createContext: (identity) => createContext(deps, identity),
    ready: () => options.store.ping(),
    logger: options.logger,
    ...(options.routes ? { routes: options.routes } : {}),
  });
}
