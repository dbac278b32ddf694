/**
 * CPQ's Salesforce sync: the engine with CPQ's mappings on its own queue (`cpq-sync`), configured from the
 * environment like CRM's (see `startSubgraphSync`). The subgraph process runs it with workers and triggers by
 * default; `worker.ts` runs workers alone in another process. Before it starts, the org's standard price book is
 * matched with ours.
 */
import { startSubgraphSync, type SubgraphSync, type SubgraphSyncOptions } from '@l2c/shared';
import { cpqMappings } from './mappings.ts';
import { adoptStandardPriceBook } from './standardPriceBook.ts';

export type CpqSyncOptions = Omit<SubgraphSyncOptions, 'subgraph' | 'mappings' | 'beforeStart'>;
export type CpqSync = SubgraphSync;

export function startCpqSync(options: CpqSyncOptions): CpqSync {
  return startSubgraphSync({
    ...options,
    subgraph: 'cpq',
    mappings: cpqMappings,
    beforeStart: async (client) => {
      await adoptStandardPriceBook(client, options.store, options.logger);
    },
  });
}
