import { signIdentity, type Identity, type SubgraphClient } from '@l2c/shared';

/**
 * What insights asks of CRM through the graph, as its own service identity (an engineer: reads everything, writes
 * nothing): dealers' regions, and the order of opportunity stages the conformance check needs. Insights never reads
 * CRM's tables; tests replace this port with a fake.
 */
export interface CrmDirectory {
  dealers(ids: readonly string[]): Promise<{ id: string; name: string | null; region: string | null }[]>;
  opportunityStages(): Promise<{ name: string; sortOrder: number; isClosed: boolean; isWon: boolean }[]>;
}

/** The identity insights speaks as when it calls another subgraph on its own behalf. */
export const INSIGHTS_SERVICE: Identity = { subject: 'service:insights', roles: ['engineer'], dealerAccountId: null };

const DEALERS = `query InsightsDealers($representations: [_Any!]!) { _entities(representations: $representations) { ... on Account { id name address { country } } } }`;
const STAGES = `query InsightsOpportunityStages { opportunityStages { name sortOrder isClosed isWon } }`;

interface DealersAnswer {
  _entities: ({ id: string; name: string | null; address: { country: string | null } | null } | null)[];
}

export function crmDirectory(client: SubgraphClient, signingSecret: string): CrmDirectory {
  // A signed identity is valid for minutes: a fresh one per call.
  const identity = () => signIdentity(INSIGHTS_SERVICE, signingSecret);
  return {
    async dealers(ids) {
      const answer = await client.request<DealersAnswer>(identity(), DEALERS, { representations: ids.map((id) => ({ __typename: 'Account', id })) });
      return answer._entities.flatMap((dealer) => (dealer ? [{ id: dealer.id, name: dealer.name, region: dealer.address?.country ?? null }] : []));
    },
    async opportunityStages() {
      return (await client.request<{ opportunityStages: { name: string; sortOrder: number; isClosed: boolean; isWon: boolean }[] }>(identity(), STAGES)).opportunityStages;
    },
  };
}
