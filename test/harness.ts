import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCrmServer } from '@l2c/crm';
import { createGateway } from '@l2c/gateway';
import { createLogger, issueToken, repoRoot, type Role } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { loadDemoDataIfEmpty } from '../subgraphs/crm/src/demo/load.ts';

export const JWT_SECRET = 'e2e-jwt-secret-0123456789abcdef';
export const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';
const logger = createLogger('e2e', 'silent');
const crmMigrations = join(repoRoot, 'subgraphs/crm/src/store/migrations');

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * The real stack in one process: the CRM subgraph on a fresh store and the gateway on the committed supergraph, each
 * on a free port, talking HTTP. `demoSize` loads the demo network (0: an empty store).
 */
export async function startStack(options: { demoSize?: number; driver?: 'pglite' | 'postgres' } = {}) {
  const store: DisposableStore = await storeDrivers.find((d) => d.name === (options.driver ?? 'pglite'))!.open(crmMigrations);
  if (options.demoSize) await loadDemoDataIfEmpty(store, { size: options.demoSize, seed: 7 });
  const crm = await createCrmServer({ store, signingSecret: SIGNING_SECRET, logger });
  const crmUrl = `http://127.0.0.1:${await crm.listen(0)}/graphql`;
  const gateway = await createGateway({
    supergraphSdl: readFileSync(join(repoRoot, 'gateway/supergraph.graphql'), 'utf8'),
    subgraphUrls: { crm: crmUrl },
    jwt: { secret: JWT_SECRET },
    signingSecret: SIGNING_SECRET,
    logger,
  });
  const gatewayUrl = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;

  return {
    store,
    crmUrl,
    gatewayUrl,
    token: (role: Role, dealerAccountId?: string) => issueToken(JWT_SECRET, { sub: `e2e-${role}`, roles: [role], dealerAccountId: dealerAccountId ?? null }),
    /** Runs an operation through the gateway with a bearer token. */
    async graphql<Data = Record<string, unknown>>(token: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data>> {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<Data>, 'status'>) };
    },
    async [Symbol.asyncDispose]() {
      await gateway.close();
      await crm.close();
      await store.close();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/** The data of a response that must have no errors; fails with the errors otherwise. */
export function ok<Data>(response: GraphQLResponse<Data>): Data {
  if (response.errors?.length || !response.data) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}
