import { createLogger, signIdentity, type IdFormat, type Identity, type Store, type SubgraphServer } from '@l2c/shared';
import { createLinkSigner } from '../export/links.ts';
import { createInsightsServer } from '../server.ts';
import type { StageOrder } from '../stages.ts';

/** The ids of the hand-written logs (`c5`, `L11`, `Q3`, `D1`): a letter or two, then a number. */
const FIXTURE_IDS: IdFormat = { pattern: /^[A-Za-z]{1,2}[0-9]{1,6}$/, rule: 'must be a fixture id such as c5 or L11' };

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
    // The hand-computed logs name their records c1, L11, Q3…; every id argument is still checked against that shape.
    ids: FIXTURE_IDS,
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
