/**
 * Test support: an invoice-run worker in its own process, as `worker.ts` runs one, but on a test's schema and queue
 * prefix, with small steps and short job locks so a test can SIGKILL it mid-run and start another that takes the job
 * over quickly. Prints `ready` once it works.
 */
import { createLogger, openPostgresStore } from '@l2c/shared';
import { startInvoiceRunWorker } from '../runs/worker.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const store = await openPostgresStore(env('KILL_DB_URL'), env('KILL_SCHEMA'), 4);
startInvoiceRunWorker({
  store,
  redisUrl: env('KILL_REDIS_URL'),
  prefix: env('KILL_PREFIX'),
  paymentTermDays: 30,
  logger: createLogger('killable-run-worker', process.env.KILL_LOG ?? 'warn'),
  groupsPerStep: 2,
  postsPerStep: 5,
  lockDuration: 2_000,
  stalledInterval: 1_000,
});
process.stdout.write('ready\n');
