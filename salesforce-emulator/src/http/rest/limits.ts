/**
 * `GET /limits`: the org's allowances. DailyApiRequests is live (the allowance every API request draws on); the
 * others are Salesforce's Enterprise Edition defaults and do not move, except what a mounted API reports.
 */
import { apiErrors } from '../errors.ts';
import type { ApiRequest, ApiResponse, RestContext } from '../types.ts';

export function handleLimits(request: ApiRequest, context: RestContext): ApiResponse {
  if (request.method !== 'GET') throw apiErrors.methodNotAllowed(request.method, ['GET', 'HEAD']);
  const { used, limit } = context.apiUsage();
  const fixed = (max: number) => ({ Max: max, Remaining: max });
  return {
    status: 200,
    body: {
      ConcurrentAsyncGetReportInstances: fixed(200),
      ConcurrentSyncReportRuns: fixed(20),
      DailyApiRequests: { Max: limit, Remaining: Math.max(0, limit - used) },
      DailyAsyncApexExecutions: fixed(250000),
      DailyBulkApiBatches: fixed(15000),
      DailyBulkV2QueryFileStorageMB: fixed(976562),
      DailyBulkV2QueryJobs: fixed(10000),
      DailyDeliveredPlatformEvents: fixed(50000),
      DailyStandardVolumePlatformEvents: fixed(10000),
      DataStorageMB: fixed(1024),
      FileStorageMB: fixed(10240),
      HourlyODataCallout: fixed(10000),
      HourlyTimeBasedWorkflow: fixed(1000),
      MassEmail: fixed(5000),
      MonthlyPlatformEventsUsageEntitlement: fixed(0),
      SingleEmail: fixed(5000),
      StreamingApiConcurrentClients: fixed(2000),
      ...(context.extraLimits?.() ?? {}),
    },
  };
}
