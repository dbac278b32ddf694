/** The sync's Prometheus metrics, as every syncing subgraph serves them at `/metrics` (see `@l2c/shared/prometheus`). */
export { createSyncPrometheus, type SyncPrometheus, type SyncPrometheusOptions } from '@l2c/shared/prometheus';
