import { createLogger, signIdentity, type Identity, type Store, type SubgraphServer } from '@l2c/shared';
import { createLinkSigner } from '../export/links.ts';
import { createInsightsServer } from '../server.ts';
import type { StageOrder } from '../stages.ts';

export const SIGNING_SECRET = 'insights-test-signing-secret-0123456789';
export const staff: Identity = { subject: 'staff-1', roles: ['staff'], dealerAccountId: null };
export const partnerOf = (dealerAccountId: string): Identity => ({ subject: `partner-${dealerAccountId}`, roles: ['partner'], dealerAccountId });

/** The insights subgraph on a store, listening on a free port, called as the gateway would (signed identity). */
export async function startInsights(store: Store, options: { stages?: StageOrder | null } = {}) {
  let base = '';
  const server: SubgraphServer = await createInsightsServer({
    store,
    logger: createLogger('insights-test', 'silent'),
    links: createLinkSigner({ secret: SIGNING_SECRET, baseUrl: () => base }),
    stages: async () => options.stages ?? null,
    backfills: null,
    signingSecret: SIGNING_SECRET,
  });
  base = `http://127.0.0.1:${await server.listen(0)}`;
  return {
    url: base,
    async graphql<Data = Record<string, unknown>>(identity: Identity, query: string, variables: Record<string, unknown> = {}) {
      const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...signIdentity(identity, SIGNING_SECRET) }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data?: Data; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    },
    close: () => server.close(),
  };
}
