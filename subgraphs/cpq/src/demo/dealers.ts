import { createSubgraphClient, insertRows, signIdentity, type Identity, type Logger, type Store } from '@l2c/shared';
import { divideHalfUp, fromCents } from '../domain/money.ts';
import { demoId } from './catalogue.ts';
import { DEMO_PRODUCTS } from './products.ts';

/**
 * Demo stock and dealer price books for CRM's demo dealers. Dealers live in CRM, so CPQ asks CRM for them once it
 * answers (the two start side by side) and loads their stock into an empty inventory. Deterministic per dealer code:
 * restarting, or another machine with the same demo seed, gives the same stock.
 */

export interface DemoDealer {
  id: string;
  dealerCode: string | null;
}

/** Stock and a dealer price book (parts and accessories at the dealer's own prices) for each dealer; pure. */
export function dealerDemoRows(dealers: readonly DemoDealer[]) {
  const inventory: Record<string, unknown>[] = [];
  const priceBooks: Record<string, unknown>[] = [];
  const entries: Record<string, unknown>[] = [];
  for (const dealer of [...dealers].sort((a, b) => (a.dealerCode ?? a.id).localeCompare(b.dealerCode ?? b.id))) {
    const random = seeded(dealer.dealerCode ?? dealer.id);
    const bookId = demoId('price-book', dealer.id);
    priceBooks.push({ id: bookId, name: `${dealer.dealerCode ?? dealer.id} dealer prices`, is_standard: false, dealer_id: dealer.id });
    for (const product of DEMO_PRODUCTS) {
      const inStock = product.category === 'VEHICLE' ? 0.35 : product.category === 'SERVICE' ? 0 : 0.65;
      if (random() < inStock) {
        const quantity = product.category === 'VEHICLE' ? 1 + Math.floor(random() * 4) : 2 + Math.floor(random() * 28);
        inventory.push({ id: demoId('inventory', `${dealer.id}/${product.code}`), dealer_id: dealer.id, product_id: demoId('product', product.code), quantity_on_hand: quantity });
      }
      if (product.category === 'SPARE_PART' || product.category === 'ACCESSORY') {
        // The dealer's own price: 5 % under to 5 % over list, to the cent.
        const basisPoints = 9_500n + BigInt(Math.floor(random() * 1_001));
        entries.push({ id: demoId('entry', `${dealer.id}/${product.code}`), price_book_id: bookId, product_id: demoId('product', product.code), unit_price: fromCents(divideHalfUp(BigInt(product.priceCents) * basisPoints, 10_000n)) });
      }
    }
  }
  return { inventory, priceBooks, entries };
}

/** Loads the dealers' demo rows unless some dealer has stock already; one transaction. */
export async function loadDealerDemoDataIfEmpty(store: Store, dealers: readonly DemoDealer[]): Promise<{ loaded: boolean; counts?: Record<string, number> }> {
  return store.transaction(async (tx) => {
    if (store.driver === 'postgres') await tx.query("select pg_advisory_xact_lock(hashtext(current_schema() || '.demo-dealers'))");
    const [row] = await tx.query<{ empty: boolean }>('select not exists (select 1 from dealer_inventory) and not exists (select 1 from price_books where dealer_id is not null) as empty');
    if (!row?.empty || dealers.length === 0) return { loaded: false };
    const rows = dealerDemoRows(dealers);
    await insertRows(tx, 'price_books', rows.priceBooks);
    await insertRows(tx, 'price_book_entries', rows.entries);
    await insertRows(tx, 'dealer_inventory', rows.inventory);
    return { loaded: true, counts: { dealers: dealers.length, inventory: rows.inventory.length, dealerPriceBookEntries: rows.entries.length } };
  });
}

/** The identity the start-up task speaks to CRM with: internal, read-only in effect (it only lists dealers). */
const DEMO_TASK: Identity = { subject: 'cpq-demo-data', roles: ['staff'], dealerAccountId: null };

/**
 * Asks CRM for its dealers every `intervalMs` until it answers (or `timeoutMs` passes), then loads their demo rows.
 * Runs in the background after the server listens; `stop` ends it at shutdown.
 */
export function seedDealerDemoDataWhenCrmAnswers(options: { store: Store; crmUrl: string; signingSecret: string; logger: Logger; intervalMs?: number; timeoutMs?: number }): { stop(): void; done: Promise<void> } {
  const { store, logger, intervalMs = 2_000, timeoutMs = 120_000 } = options;
  const client = createSubgraphClient({ url: options.crmUrl, name: 'crm' });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = Date.now() + timeoutMs;
  const done = new Promise<void>((resolve) => {
    const attempt = async () => {
      if (stopped) return resolve();
      try {
        const { accounts } = await client.request<{ accounts: { nodes: { id: string; dealerCode: string | null }[] } }>(
          signIdentity(DEMO_TASK, options.signingSecret),
          '{ accounts(first: 200, filter: { type: [DEALER] }) { nodes { id dealerCode } } }',
        );
        const outcome = await loadDealerDemoDataIfEmpty(store, accounts.nodes);
        if (outcome.loaded) logger.info({ counts: outcome.counts }, 'demo stock and dealer price books loaded for CRM’s dealers');
        return resolve();
      } catch (error) {
        if (Date.now() > deadline) {
          logger.warn({ err: error }, 'CRM did not answer; no demo stock or dealer price books were loaded');
          return resolve();
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

/** mulberry32 seeded from a string (FNV-1a): the same dealer code always draws the same numbers. */
function seeded(key: string): () => number {
  let state = 2166136261;
  for (let i = 0; i < key.length; i++) state = Math.imul(state ^ key.charCodeAt(i), 16777619) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
