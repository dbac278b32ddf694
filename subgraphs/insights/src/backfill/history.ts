import { signIdentity, type SubgraphClient } from '@l2c/shared';
import { INSIGHTS_SERVICE } from '../crm.ts';
import type { LogEntry } from '../domain/logEntry.ts';
import { contractEntries, leadEntries, opportunityEntries, orderEntries, quoteEntries, type ContractRecord, type LeadRecord, type OpportunityRecord, type OrderRecord, type QuoteRecord } from './historyEntries.ts';

/** A page of history: the records read and the entries they give. */
export interface HistoryPage {
  records: number;
  entries: LogEntry[];
}

/** Where history comes from: the subgraphs through the graph, or a list in tests. */
export type History = () => AsyncIterable<HistoryPage>;

const PAGE = 200;

const SOURCES = [
  {
    subgraph: 'crm',
    field: 'leads',
    selection: 'id status sourceChannel dealer { id } createdAt convertedAt convertedOpportunity { id } archivedAt',
    map: (record: unknown) => leadEntries(record as LeadRecord),
  },
  {
    subgraph: 'crm',
    field: 'opportunities',
    selection: 'id stage isClosed isWon amount discountPercent owner sourceChannel dealer { id } lead { id } createdAt closedAt',
    map: (record: unknown) => opportunityEntries(record as OpportunityRecord),
  },
  {
    subgraph: 'cpq',
    field: 'quotes',
    selection: 'id number status opportunity { id } dealer { id } netAmount listAmount customerDiscountPercent lines { category product { family } } createdAt submittedAt acceptedAt approvalHistory { submission status decidedAt viaSmartApproval }',
    map: (record: unknown) => quoteEntries(record as QuoteRecord),
  },
  {
    subgraph: 'cpq',
    field: 'orders',
    selection: 'id number quote { id } dealer { id } totalAmount createdAt activatedAt contract { id }',
    map: (record: unknown) => orderEntries(record as OrderRecord),
  },
  { subgraph: 'cpq', field: 'contracts', selection: 'id quote { id } dealer { id } activatedAt', map: (record: unknown) => contractEntries(record as ContractRecord) },
] as const;

/**
 * The history CRM and CPQ hold today, read through the graph page by page as insights' own service identity (an
 * engineer: everything readable, nothing writable). Parents come before children (leads, opportunities, quotes,
 * orders, contracts), so links resolve as they arrive.
 */
export function graphHistory(clients: { crm: SubgraphClient; cpq: SubgraphClient }, signingSecret: string): History {
  return async function* () {
    for (const source of SOURCES) {
      const client = clients[source.subgraph];
      let after: string | null = null;
      for (;;) {
        const query = `query InsightsBackfill($first: Int!, $after: String) { ${source.field}(first: $first, after: $after) { nodes { ${source.selection} } pageInfo { hasNextPage endCursor } } }`;
        const data: Record<string, { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = await client.request(signIdentity(INSIGHTS_SERVICE, signingSecret), query, { first: PAGE, after });
        const page = data[source.field]!;
        yield { records: page.nodes.length, entries: page.nodes.flatMap((node) => source.map(node)) };
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        after = page.pageInfo.endCursor;
      }
    }
  };
}
