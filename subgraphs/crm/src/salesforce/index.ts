/** The CRM's Salesforce sync for processes and tests outside the subgraph: its mappings, the engine as configured, metrics. */
export { accountMapping, contactMapping, crmMappings, leadLineItemMapping, leadMapping, leadPreferredSellerMapping, opportunityLineItemMapping, opportunityMapping, opportunityPreferredSellerMapping } from './mappings.ts';
export { startCrmSync, type CrmSync, type CrmSyncOptions } from './sync.ts';
export { createSyncPrometheus, type SyncPrometheus, type SyncPrometheusOptions } from './metrics.ts';
export { loadCrmConfig } from '../config.ts';
export { openCrmStore } from '../store/openCrmStore.ts';
