import type { Queryable, Store } from '@l2c/shared';
import { countDemoData, DEMO_TABLES, type DemoCounts, type DemoData } from './data.ts';
import { generateDemoData, type DemoDataOptions } from './generate.ts';

/** What `loadDemoDataIfEmpty` did: loaded the rows counted, or left a store that already had data alone. */
export type LoadOutcome = { loaded: true; counts: DemoCounts } | { loaded: false; reason: string };

/**
 * Postgres accepts at most 65535 bind parameters per statement; batches stay well below, and below a row count at
 * which statements get unwieldy to log.
 */
const MAX_PARAMS_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

/**
 * Inserts `data` in one transaction, parents first, in multi-row inserts: either all of it is loaded or none.
 * Leads go in without `converted_opportunity_id` (its opportunity does not exist yet) and get it once opportunities are in.
 */
export async function loadDemoData(store: Store, data: DemoData): Promise<DemoCounts> {
  return store.transaction((tx) => insertDemoData(tx, data));
}

/** `true` when the store has no accounts, leads or opportunities (every other demo table hangs off these). */
export async function isEmpty(store: Queryable): Promise<boolean> {
  const [row] = await store.query<{ empty: boolean }>(
    'select not exists (select 1 from accounts) and not exists (select 1 from leads) and not exists (select 1 from opportunities) as empty',
  );
  return row?.empty === true;
}

/**
 * Loads generated demo data on first start, and never into a store that already has data: the check and the inserts
 * share one transaction, under an advisory lock on Postgres, so two processes starting together load it once.
 */
export async function loadDemoDataIfEmpty(store: Store, options: DemoDataOptions = {}): Promise<LoadOutcome> {
  if (!(await isEmpty(store))) return { loaded: false, reason: await describeContents(store) };
  const data = generateDemoData(options);
  return store.transaction(async (tx): Promise<LoadOutcome> => {
    if (store.driver === 'postgres') await tx.query("select pg_advisory_xact_lock(hashtext(current_schema() || '.demo-data'))");
    if (!(await isEmpty(tx))) return { loaded: false, reason: await describeContents(tx) };
    return { loaded: true, counts: await insertDemoData(tx, data) };
  });
}

async function insertDemoData(tx: Queryable, data: DemoData): Promise<DemoCounts> {
  for (const table of DEMO_TABLES) {
    const rows: readonly object[] = table === 'leads' ? data.leads.map((lead) => ({ ...lead, converted_opportunity_id: null })) : data[table];
    await insertRows(tx, table, rows);
  }
  const links = data.leads.flatMap((lead) => (lead.converted_opportunity_id ? [[lead.id, lead.converted_opportunity_id]] : []));
  for (const batch of chunks(links, MAX_ROWS_PER_STATEMENT)) {
    const values = batch.map((_, i) => `($${2 * i + 1}::text, $${2 * i + 2}::text)`).join(', ');
    await tx.query(
      `update leads set converted_opportunity_id = v.opportunity_id from (values ${values}) as v (lead_id, opportunity_id) where leads.id = v.lead_id`,
      batch.flat(),
    );
  }
  return countDemoData(data);
}

async function describeContents(store: Queryable): Promise<string> {
  const [row] = await store.query<{ accounts: number; leads: number; opportunities: number }>(
    'select (select count(*) from accounts)::int as accounts, (select count(*) from leads)::int as leads, (select count(*) from opportunities)::int as opportunities',
  );
  return `the CRM store already has data (${row?.accounts ?? 0} accounts, ${row?.leads ?? 0} leads, ${row?.opportunities ?? 0} opportunities); demo data is only loaded into an empty store`;
}

async function insertRows(tx: Queryable, table: string, rows: readonly object[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perStatement = Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS_PER_STATEMENT / columns.length));
  for (const batch of chunks(rows, perStatement)) {
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const record = row as Record<string, unknown>;
      return `(${columns.map((column) => `$${params.push(record[column] ?? null)}`).join(', ')})`;
    });
    await tx.query(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
