import type { IdentityHeaders, SubgraphClient } from '@l2c/shared';

/**
 * What visits need from CRM: the dealer a visit is planned for (that it exists, is a dealer, its name, code and
 * address for its first location), asked over HTTP as the caller. Visits never read CRM's tables; tests replace this
 * port with a fake.
 */
export interface DealerDirectory {
  /** The account as the caller sees it, or null when it does not exist or the caller may not see it. */
  account(id: string): Promise<AccountFacts | null>;
}

export interface AccountFacts {
  id: string;
  name: string;
  type: 'CUSTOMER' | 'DEALER' | 'SUPPLIER';
  dealerCode: string | null;
  address: { street: string | null; city: string | null; postalCode: string | null; country: string | null; latitude: number | null; longitude: number | null } | null;
}

const ACCOUNT = `query VisitsDealer($id: ID!) { account(id: $id) { id name type dealerCode address { street city postalCode country latitude longitude } } }`;

/** The directory over the shared subgraph client, speaking as the caller whose identity headers are given. */
export function crmDealerDirectory(client: SubgraphClient, identity: IdentityHeaders | null): DealerDirectory {
  return {
    async account(id) {
      if (!identity) throw new Error('no signed identity to forward to CRM; visits call CRM only on behalf of a caller');
      const { account } = await client.request<{ account: AccountFacts | null }>(identity, ACCOUNT, { id });
      return account;
    },
  };
}
