/**
 * Test support: a CPQ sync worker in its own process, as `worker.ts` runs one, but on a test's schema, queue prefix
 * and emulator, with small push batches and short job locks so a test can SIGKILL it mid-push and start another that
 * takes the job over quickly. Prints `ready` once it works.
 */
import { createLogger, createSyncEngine, openPostgresStore } from '@l2c/shared';
import { cpqMappings } from '../mappings.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const store = await openPostgresStore(env('KILL_DB_URL'), env('KILL_SCHEMA'), 4);
const engine = createSyncEngine({
  store,
  mappings: cpqMappings,
  salesforce: { auth: { kind: 'client_credentials', loginUrl: env('KILL_SF_URL'), clientId: env('KILL_SF_CLIENT_ID'), clientSecret: env('KILL_SF_CLIENT_SECRET') }, apiVersion: '62.0', backoff: { baseMs: 20, maxMs: 200 } },
  queue: { redisUrl: env('KILL_REDIS_URL'), prefix: env('KILL_PREFIX'), name: 'cpq-sync' },
  source: 'cpq',
  logger: createLogger('killable-cpq-worker', process.env.KILL_LOG ?? 'warn'),
  triggers: false,
  workers: { concurrency: 1, lockDuration: 2_000, stalledInterval: 1_000 },
  tuning: { pushBatchSize: 200, bulkIngestThreshold: 1_000_000 },
});
await engine.start();
process.stdout.write('ready\n');
