import { hostname } from 'node:os';
import { DEV_GATEWAY_SIGNING_SECRET, env, parseConfig, syncConfigShape, z } from '@l2c/shared';
import type { BillingSettings } from './commands/context.ts';

/** The billing subgraph's configuration, parsed once at start. `defaultPort` comes from subgraphs.json. */
export function loadBillingConfig(defaultPort: number, source: Record<string, string | undefined> = process.env) {
  const config = parseConfig(
    {
      /** Port for this subgraph. Default: its entry in subgraphs.json (4004). */
      BILLING_PORT: env.port(defaultPort),
      /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 in containers. */
      HOST: z.string().default('127.0.0.1'),
      /** A Postgres server; when unset the embedded PGlite store keeps its data under DATA_DIR. */
      DATABASE_URL: env.url().optional(),
      /** Folder for embedded stores. Default `.data`. */
      DATA_DIR: z.string().default('.data'),
      GATEWAY_SIGNING_SECRET: env.secret(DEV_GATEWAY_SIGNING_SECRET),
      /** Redis for the event bus and the invoice-run queue. Default redis://127.0.0.1:6379. */
      REDIS_URL: z.string().url('must be a URL such as redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
      /** Stream of domain events: billing reads CPQ's order events there and its relay publishes billing's. Default `l2c:events`. */
      EVENT_STREAM: z.string().default('l2c:events'),
      /** This process's name in the `billing` consumer group: stable across restarts, one per process. Default `billing-<host>`. */
      BILLING_CONSUMER: z.string().min(1).default(`billing-${hostname()}`),
      /** Currency of every amount billed. Default EUR. */
      BILLING_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR').default('EUR'),
      /** Days from an invoice's date to its due date. Default 30. */
      BILLING_PAYMENT_TERM_DAYS: z.coerce.number().int().min(0).max(365).default(30),
      /** Orders amending a contract already billed follow the first order's billing cycle (`false`: their own). Default true. */
      BILLING_ALIGN_AMENDMENTS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
      /** When the daily invoice run starts (cron, in INVOICE_RUN_TZ), or `off`. Default `0 2 * * *` (02:00). */
      INVOICE_RUN_SCHEDULE: z.string().default('0 2 * * *'),
      /** Time zone of INVOICE_RUN_SCHEDULE. Default UTC. */
      INVOICE_RUN_TZ: z.string().default('UTC'),
      /** `inline`: invoice runs are worked in this process (default); `off`: a separate `worker.ts` process works them. */
      INVOICE_RUN_WORKERS: z.enum(['inline', 'off']).default('inline'),
      LOG_LEVEL: env.logLevel(),
      /** The Salesforce sync of the blng__ objects: org, login flow, workers, schedules (see docs/sync.md). */
      ...syncConfigShape,
    },
    source,
  );
  const settings: BillingSettings = { currency: config.BILLING_CURRENCY, paymentTermDays: config.BILLING_PAYMENT_TERM_DAYS, alignAmendments: config.BILLING_ALIGN_AMENDMENTS };
  return { ...config, settings, runSchedule: config.INVOICE_RUN_SCHEDULE === 'off' ? null : config.INVOICE_RUN_SCHEDULE };
}

export type BillingConfig = ReturnType<typeof loadBillingConfig>;
