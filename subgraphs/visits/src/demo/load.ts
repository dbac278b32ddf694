import { createSubgraphClient, insertRows, signIdentity, type Identity, type Logger, type Store } from '@l2c/shared';
import { DEMO_TABLES, generateVisitsDemo, type DemoDealer } from './generate.ts';
import { FEEDBACK_PRODUCT_CODE } from './templates.ts';

export type DemoOutcome = { loaded: true; counts: Record<string, number> } | { loaded: false };

/**
 * Loads the demo into an empty store (no templates, no visits): the check and the inserts share one transaction, under
 * an advisory lock on Postgres, so two processes starting together load it once.
 */
export async function loadVisitsDemoIfEmpty(store: Store, dealers: readonly DemoDealer[], productId: string | null): Promise<DemoOutcome> {
  return store.transaction(async (tx) => {
    if (store.driver === 'postgres') await tx.query("select pg_advisory_xact_lock(hashtext(current_schema() || '.demo-visits'))");
    const [row] = await tx.query<{ empty: boolean }>('select not exists (select 1 from action_plan_templates) and not exists (select 1 from visits) as empty');
    if (!row?.empty) return { loaded: false };
    const rows = generateVisitsDemo(dealers, { productId });
    for (const table of DEMO_TABLES) for (let i = 0; i < rows[table].length; i += 500) await insertRows(tx, table, rows[table].slice(i, i + 500));
    return { loaded: true, counts: Object.fromEntries(DEMO_TABLES.map((t) => [t, rows[t].length])) };
  });
}

/** The identity the start-up task speaks to CRM and CPQ with: internal, and it only reads. */
const DEMO_TASK: Identity = { subject: 'visits-demo-data', roles: ['staff'], dealerAccountId: null };

const DEALERS = '{ accounts(first: 200, filter: { type: [DEALER] }) { nodes { id name dealerCode address { street city postalCode country latitude longitude } } } }';
const PRODUCT = 'query VisitsDemoProduct($code: String!) { productByCode(code: $code) { id } }';

/**
 * Asks CRM for its dealers every `intervalMs` until it answers (or `timeoutMs` passes), asks CPQ for the product the
 * feedback question is about (without it the question has no context), then loads the demo. Runs in the background
 * after the server listens; `stop` ends it at shutdown; `done` resolves to what was loaded.
 */
export function seedVisitsDemoWhenCrmAnswers(options: { store: Store; crmUrl: string; cpqUrl: string; signingSecret: string; logger: Logger; intervalMs?: number; timeoutMs?: number }): { stop(): void; done: Promise<DemoOutcome> } {
  const { store, logger, intervalMs = 2_000, timeoutMs = 120_000 } = options;
  const crm = createSubgraphClient({ url: options.crmUrl, name: 'crm' });
  const cpq = createSubgraphClient({ url: options.cpqUrl, name: 'cpq', timeoutMs: 5_000 });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = Date.now() + timeoutMs;
  const done = new Promise<DemoOutcome>((resolve) => {
    const attempt = async () => {
      if (stopped) return resolve({ loaded: false });
      try {
        const { accounts } = await crm.request<{ accounts: { nodes: DemoDealer[] } }>(signIdentity(DEMO_TASK, options.signingSecret), DEALERS);
        if (accounts.nodes.length === 0) throw new Error('CRM has no dealers yet');
        const product = await cpq
          .request<{ productByCode: { id: string } | null }>(signIdentity(DEMO_TASK, options.signingSecret), PRODUCT, { code: FEEDBACK_PRODUCT_CODE })
          .then((data) => data.productByCode?.id ?? null)
          .catch(() => null);
        const outcome = await loadVisitsDemoIfEmpty(store, accounts.nodes, product);
        if (outcome.loaded) logger.info({ counts: outcome.counts }, 'demo templates, assessors and visits loaded for CRM’s dealers');
        return resolve(outcome);
      } catch (error) {
        if (Date.now() > deadline) {
          logger.warn({ err: error }, 'CRM did not answer with dealers; no demo visits were loaded');
          return resolve({ loaded: false });
        }
        timer = setTimeout(() => void attempt(), intervalMs);
        timer.unref();
      }
    };
    void attempt();
  });
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    done,
  };
}
