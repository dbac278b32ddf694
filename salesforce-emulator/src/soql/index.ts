/**
 * The SOQL and SOSL engine and the query service. The HTTP layer mounts `queryRoutes(new SoqlService({ org }))`;
 * Bulk API 2.0 query jobs call `prepareQuery` directly.
 */
export { executeQuery, prepareQuery, type ChildResult, type PreparedQuery, type QueryCallOptions, type QueryOrg, type QueryRecord, type QueryResult, type QuerySource } from './engine.ts';
export { SoqlError } from './errors.ts';
export { queryRoutes, type QueryApiRequest, type QueryApiResponse, type QueryRoute } from './routes.ts';
export {
  batchSizeFromHeader,
  DEFAULT_BATCH_SIZE,
  MAX_BATCH_SIZE,
  MIN_BATCH_SIZE,
  SoqlService,
  type QueryMoreRequest,
  type QueryRequest,
  type ServiceOrg,
  type SoqlServiceOptions,
} from './service.ts';
export { executeSearch, type SearchResult } from './sosl.ts';
