import { describe, expect, it } from 'vitest';
import { createSyncPrometheus } from './prometheus.ts';

describe('sync metrics for Prometheus', () => {
  it('turns the engine hooks into counters, histograms and gauges with low-cardinality labels', async () => {
    const { hooks, registry } = createSyncPrometheus({ processMetrics: false });
    hooks.recordsSynced?.({ mapping: 'Lead', direction: 'inbound', outcome: 'inserted' }, 120);
    hooks.apiCall?.({ method: 'GET', status: 200, errorCode: null }, 0.03);
    hooks.apiCall?.({ method: 'POST', status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED' }, 0.2);
    hooks.jobFinished?.({ kind: 'object', mode: 'full', direction: 'both', status: 'completed', mapping: 'Lead' }, 4);
    hooks.apiUsage?.(120, 15000);
    const text = await registry.metrics();
    expect(text).toContain('l2c_sync_records_total{mapping="Lead",direction="inbound",outcome="inserted"} 120');
    expect(text).toContain('l2c_sync_api_calls_total{method="POST",status="403",error_code="REQUEST_LIMIT_EXCEEDED"} 1');
    expect(text).toContain('l2c_sync_api_call_duration_seconds_count{method="GET"} 1');
    expect(text).toContain('l2c_sync_job_duration_seconds_count{kind="object",mode="full",direction="both",status="completed",mapping="Lead"} 1');
    expect(text).toContain('l2c_sync_api_usage_used 120');
    expect(text).toContain('l2c_sync_api_usage_limit 15000');
  });

  it('names the process metrics after the subgraph', async () => {
    const text = await createSyncPrometheus({ processMetricsPrefix: 'l2c_cpq_' }).registry.metrics();
    expect(text).toContain('l2c_cpq_process_cpu_seconds_total');
  });
});
