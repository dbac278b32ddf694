import { signIdentity, type SubgraphClient } from '@l2c/shared';
import { WARRANTY_SERVICE } from './assetDirectory.ts';

/**
 * CRM's dealers by dealer code: sales reports name the other dealer of a trade by its code, and the graph keeps
 * dealers by id. Asked through the graph as warranty itself, a batch of codes per request.
 */
export interface DealerDirectory {
  /** Dealer account ids by dealer code (upper case); codes CRM does not know are left out. */
  byCodes(codes: readonly string[]): Promise<Map<string, string>>;
}

const BATCH = 25;

export function crmDealerDirectory(client: SubgraphClient, signingSecret: string): DealerDirectory {
  return {
    async byCodes(codes) {
      const found = new Map<string, string>();
      const wanted = [...new Set(codes.map((c) => c.toUpperCase()))];
      for (let i = 0; i < wanted.length; i += BATCH) {
        const batch = wanted.slice(i, i + BATCH);
        const fields = batch.map((_, j) => `d${j}: accounts(filter: { type: [DEALER], search: $c${j} }, first: 50) { nodes { id dealerCode } }`);
        const query = `query WarrantyDealers(${batch.map((_, j) => `$c${j}: String!`).join(', ')}) { ${fields.join(' ')} }`;
        const variables = Object.fromEntries(batch.map((code, j) => [`c${j}`, code]));
        const data = await client.request<Record<string, { nodes: { id: string; dealerCode: string | null }[] }>>(signIdentity(WARRANTY_SERVICE, signingSecret), query, variables);
        batch.forEach((code, j) => {
          const match = data[`d${j}`]?.nodes.find((n) => n.dealerCode?.toUpperCase() === code);
          if (match) found.set(code, match.id);
        });
      }
      return found;
    },
  };
}

/** A fixed directory (tests, and processes started without CRM). */
export function fixedDealerDirectory(dealers: Record<string, string>): DealerDirectory {
  return { byCodes: async (codes) => new Map(codes.map((c) => c.toUpperCase()).filter((c) => dealers[c]).map((c) => [c, dealers[c]!])) };
}
