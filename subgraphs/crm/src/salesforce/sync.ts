/**
 * The CRM's Salesforce sync: the engine with the CRM mappings on the `crm-sync` queue, configured from the
 * environment (see `startSubgraphSync`). The subgraph process runs it with workers and triggers by default;
 * `worker.ts` runs workers alone in another process.
 */
import { startSubgraphSync, type SubgraphSync, type SubgraphSyncOptions } from '@l2c/shared';
import { crmMappings } from './mappings.ts';

export type CrmSyncOptions = Omit<SubgraphSyncOptions, 'subgraph' | 'mappings'>;
export type CrmSync = SubgraphSync;

export function startCrmSync(options: CrmSyncOptions): CrmSync {
  return startSubgraphSync({ ...options, subgraph: 'crm', mappings: crmMappings });
}
