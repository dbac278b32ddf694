/**
 * Runs a Salesforce sync and watches it:
 *
 *   npm run sync -- <object|all> [--full] [--direction in|out|both] [--url <gateway /graphql> [--token <jwt>]]
 *
 * Without --url the engine runs in this process on the store and org of the subgraph that mirrors the object (CRM's
 * Lead, CPQ's SBQQ__Quote__c or its short name Quote, …), configured as for that subgraph (same variables; an
 * embedded PGlite store must not be open in a running stack at the same time); `all` means every object of one
 * subgraph, CRM's unless --subgraph cpq. With --url the run is
 * started and watched through the graph (token from --token or L2C_TOKEN; sf_admin or engineer).
 * A progress bar on a terminal, plain lines otherwise. Ctrl-C cancels the run (twice: quit at once).
 * Exit codes: 0 completed, 1 failed, 2 bad arguments or configuration, 3 cancelled.
 */
import { parseArgs } from 'node:util';
import { ConfigError, createLogger, DomainError, subgraphList, type SyncEngine, type SyncRun, type SyncRunDetail } from '@l2c/shared';
import { cpqMappings, loadCpqConfig, openCpqStore, startCpqSync } from '@l2c/cpq/salesforce';
import { crmMappings, loadCrmConfig, openCrmStore, startCrmSync } from '@l2c/crm/salesforce';
import { createProgress, type RunView } from './syncProgress.ts';

const USAGE = `usage: npm run sync -- <object|all> [--full] [--direction in|out|both] [--subgraph crm|cpq] [--url <gateway graphql URL>] [--token <jwt>]
  object       a mapped object (Account, Lead, Opportunity, …; Product2, SBQQ__Quote__c or Quote, Order, …) or all (parents first)
  --subgraph   whose objects \`all\` means, and which store an object is looked for in (default: the one that mirrors it; crm for all)
  --full       reload everything (default: incremental, full for an object never synced)
  --direction  in (Salesforce to the graph), out (the graph to Salesforce) or both (default)
  --url        start and watch the run through a running gateway instead of in this process
  --token      bearer token for --url (default: L2C_TOKEN); an sf_admin or engineer token`;
const FINISHED = new Set(['completed', 'failed', 'cancelled']);

interface Driver {
  start(request: { objects: 'all' | string[]; mode: 'full' | 'incremental'; direction: 'in' | 'out' | 'both' }): Promise<string>;
  get(id: string): Promise<RunView | null>;
  cancel(id: string): Promise<void>;
  close(): Promise<void>;
}

class UsageError extends Error {}

function parse() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { full: { type: 'boolean' }, direction: { type: 'string', default: 'both' }, subgraph: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const [object, ...extra] = positionals;
  if (!object) throw new UsageError('name an object to sync, or all');
  if (extra.length > 0) throw new UsageError(`one object at a time, or all; unexpected ${JSON.stringify(extra[0])}`);
  const direction = values.direction as 'in' | 'out' | 'both';
  if (!['in', 'out', 'both'].includes(direction)) throw new UsageError(`--direction must be in, out or both (got ${JSON.stringify(direction)})`);
  const token = values.token ?? process.env.L2C_TOKEN;
  if (values.url && !token) throw new UsageError('--url needs --token <jwt> or L2C_TOKEN (npm run -s token -- engineer)');
  if (values.subgraph && !(values.subgraph in SUBGRAPHS)) throw new UsageError(`--subgraph must be ${Object.keys(SUBGRAPHS).join(' or ')} (got ${JSON.stringify(values.subgraph)})`);
  const all = object.toLowerCase() === 'all';
  const name = all ? object : mappingName(object);
  const subgraph = (values.subgraph as SubgraphName | undefined) ?? (all ? 'crm' : ownerOf(name));
  return { objects: all ? ('all' as const) : [name], subgraph, mode: values.full ? ('full' as const) : ('incremental' as const), direction, url: values.url, token };
}

/** The subgraphs that sync, and the objects each mirrors. */
const SUBGRAPHS = { crm: crmMappings.map((m) => m.name), cpq: cpqMappings.map((m) => m.name) } as const;
type SubgraphName = keyof typeof SUBGRAPHS;

/** A mapping's name as typed: exact, any case, or CPQ's managed-package name without its namespace (`Quote`). */
function mappingName(object: string): string {
  const names = Object.values(SUBGRAPHS).flat();
  const lower = object.toLowerCase();
  return names.find((n) => n.toLowerCase() === lower) ?? names.find((n) => n.toLowerCase() === `sbqq__${lower}__c` || n.toLowerCase() === `sbaa__${lower}__c`) ?? object;
}

function ownerOf(name: string): SubgraphName {
  const owner = (Object.keys(SUBGRAPHS) as SubgraphName[]).find((subgraph) => (SUBGRAPHS[subgraph] as readonly string[]).includes(name));
  if (!owner) throw new UsageError(`${JSON.stringify(name)} is not a mapped object; CRM has ${SUBGRAPHS.crm.join(', ')}; CPQ has ${SUBGRAPHS.cpq.join(', ')}`);
  return owner;
}

async function inProcess(subgraph: SubgraphName): Promise<Driver> {
  const list = subgraphList().subgraphs;
  const port = (name: string) => list.find((s) => s.name === name)!.port;
  const opened = async () => {
    if (subgraph === 'cpq') {
      const config = loadCpqConfig({ port: port('cpq'), crmPort: port('crm') });
      const logger = createLogger('sync-cli', process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
      const store = await openCpqStore(config, logger);
      return { store, sync: startCpqSync({ store, config, logger, role: 'worker', retryMs: 2_000 }) };
    }
    const config = loadCrmConfig(port('crm'));
    const logger = createLogger('sync-cli', process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
    const store = await openCrmStore(config, logger);
    return { store, sync: startCrmSync({ store, config, logger, role: 'worker', retryMs: 2_000 }) };
  };
  const { store, sync } = await opened();
  const close = async () => {
    await sync.close();
    await store.close();
  };
  const ready = await Promise.race([sync.ready, new Promise<false>((resolve) => setTimeout(() => resolve(false), 30_000).unref())]);
  if (!ready) {
    await close();
    throw new Error('the sync could not start: the org did not answer or refused the mappings (see the log above)');
  }
  const engine: SyncEngine = sync.engine;
  return {
    start: async (request) => (await engine.startSync({ ...request, requestedBy: `cli:${process.env.USER ?? 'unknown'}` })).id,
    get: async (id) => {
      const run = await engine.getRun(id);
      return run ? viewOf(run) : null;
    },
    cancel: async (id) => void (await engine.cancel(id)),
    close,
  };
}

function viewOf(run: SyncRun | SyncRunDetail): RunView {
  const error = run.error ? { code: run.error.errorCode, message: run.error.message } : null;
  const children = 'children' in run ? run.children.map((c) => ({ objects: c.mappings, status: c.status, done: c.done, total: c.total, apiCalls: c.apiCalls, phase: c.phase })) : [];
  return { id: run.id, status: run.status, phase: run.phase, done: run.done, total: run.total, apiCalls: run.apiCalls, objects: run.mappings, error, children };
}

const JOB_FIELDS = 'id status phase done total apiCalls objects error { code message } children { objects status phase done total apiCalls }';

function throughGateway(url: string, token: string): Driver {
  const call = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
    const error = body.errors?.[0];
    if (error) throw error.extensions?.code === 'BAD_USER_INPUT' ? new UsageError(error.message) : new Error(`${error.extensions?.code ?? response.status}: ${error.message}`);
    return body.data ?? {};
  };
  const lower = (job: RunView): RunView => ({ ...job, status: job.status.toLowerCase(), children: job.children.map((c) => ({ ...c, status: c.status.toLowerCase() })) });
  return {
    start: async ({ objects, mode, direction }) => {
      const input = { objects: objects === 'all' ? ['all'] : objects, mode: mode.toUpperCase(), direction: direction.toUpperCase() };
      const data = await call('mutation Start($input: StartSyncInput!) { startSync(input: $input) { id } }', { input });
      return (data.startSync as { id: string }).id;
    },
    get: async (id) => {
      const job = (await call(`query Job($id: ID!) { syncJob(id: $id) { ${JOB_FIELDS} } }`, { id })).syncJob as RunView | null;
      return job ? lower(job) : null;
    },
    cancel: async (id) => void (await call('mutation Cancel($id: ID!) { cancelSync(id: $id) { id } }', { id })),
    close: async () => {},
  };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`npm run sync: ${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const driver = args.url ? throughGateway(args.url, args.token!) : await inProcess(args.subgraph);
  try {
    let id: string;
    try {
      id = await driver.start({ objects: args.objects, mode: args.mode, direction: args.direction });
    } catch (error) {
      if (error instanceof UsageError || (error instanceof DomainError && error.code === 'BAD_USER_INPUT')) {
        process.stderr.write(`npm run sync: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
    process.stderr.write(`sync ${id} started (Ctrl-C cancels it)\n`);
    let interrupts = 0;
    process.on('SIGINT', () => {
      interrupts += 1;
      if (interrupts > 1) process.exit(3);
      process.stderr.write('\ncancelling the sync… (Ctrl-C again to quit at once)\n');
      driver.cancel(id).catch((error: unknown) => process.stderr.write(`cancel failed: ${(error as Error).message}\n`));
    });
    const progress = createProgress({ write: (text) => process.stdout.write(text), isTTY: process.stdout.isTTY === true, columns: process.stdout.columns });
    for (;;) {
      const run = await driver.get(id);
      if (!run) throw new Error(`sync ${id} disappeared`);
      progress.show(run);
      if (FINISHED.has(run.status)) {
        progress.finish(run);
        return run.status === 'completed' ? 0 : run.status === 'cancelled' ? 3 : 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await driver.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm run sync: ${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
