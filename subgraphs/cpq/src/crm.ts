import type { IdentityHeaders, SubgraphClient } from '@l2c/shared';

/**
 * What CPQ needs from CRM, asked over HTTP as the caller (CRM enforces a partner's scope itself): an opportunity's
 * account and dealer when a quote is created, and, when a quote is accepted, the opportunity's new amount and discount.
 * CPQ never reads CRM's tables; this port is the wall, and tests replace it with a fake.
 */
export interface CrmDirectory {
  /** The opportunity as the caller sees it, or null when it does not exist or the caller may not see it. */
  opportunity(id: string): Promise<OpportunityFacts | null>;
  /** Sets the opportunity's amount and discount (CRM's `updateOpportunity`). Throws when CRM refuses or is unreachable. */
  syncTotals(opportunityId: string, totals: { amount: string; discountPercent: string }): Promise<void>;
}

export interface OpportunityFacts {
  id: string;
  name: string;
  accountId: string;
  dealerId: string | null;
  isClosed: boolean;
  stage: string;
}

const OPPORTUNITY = `query CpqOpportunity($id: ID!) { opportunity(id: $id) { id name stage isClosed account { id } dealer { id } } }`;
const SYNC = `mutation CpqSyncQuoteTotals($id: ID!, $input: UpdateOpportunityInput!) { updateOpportunity(id: $id, input: $input) { id } }`;

interface OpportunityAnswer {
  opportunity: { id: string; name: string; stage: string; isClosed: boolean; account: { id: string } | null; dealer: { id: string } | null } | null;
}

/** The CRM directory over the shared subgraph client, speaking as the caller whose identity headers are given. */
export function crmDirectory(client: SubgraphClient, identity: IdentityHeaders | null): CrmDirectory {
  const caller = () => {
    if (!identity) throw new Error('no signed identity to forward to CRM; CPQ calls CRM only on behalf of a caller');
    return identity;
  };
  return {
    async opportunity(id) {
      const { opportunity } = await client.request<OpportunityAnswer>(caller(), OPPORTUNITY, { id });
      if (!opportunity?.account) return null;
      return { id: opportunity.id, name: opportunity.name, stage: opportunity.stage, isClosed: opportunity.isClosed, accountId: opportunity.account.id, dealerId: opportunity.dealer?.id ?? null };
    },
    async syncTotals(opportunityId, totals) {
      await client.request(caller(), SYNC, { id: opportunityId, input: { amount: totals.amount, discountPercent: totals.discountPercent } });
    },
  };
}
