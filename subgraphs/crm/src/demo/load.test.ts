import { fileURLToPath } from 'node:url';
import { countStatements, storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { describe, expect, it } from 'vitest';
import { countDemoData, DEMO_TABLES, generateDemoData, type DemoCounts } from './generate.ts';
import { isEmpty, loadDemoData, loadDemoDataIfEmpty } from './load.ts';
import { LEAD_STATUSES, OPPORTUNITY_STAGES } from './reference.ts';

const migrationsDir = fileURLToPath(new URL('../store/migrations', import.meta.url));

async function storeCounts(store: DisposableStore): Promise<DemoCounts> {
  const entries = await Promise.all(
    DEMO_TABLES.map(async (table) => {
      const [row] = await store.query<{ n: number }>(`select count(*)::int as n from ${table}`);
      return [table, row?.n ?? -1] as const;
    }),
  );
  return Object.fromEntries(entries) as DemoCounts;
}

describe.each(storeDrivers)('demo data on $name', ({ open }) => {
  it('loads every table in a few batched statements, with the counts generated', async () => {
    await using store = await open(migrationsDir);
    const data = generateDemoData({ size: 2, seed: 7 });
    const { result, statements } = await countStatements(store, () => loadDemoData(store, data));
    expect(result).toEqual(countDemoData(data));
    expect(await storeCounts(store)).toEqual(countDemoData(data));
    // One insert per table at this size, plus the update that links converted leads to their opportunities.
    expect(statements).toHaveLength(DEMO_TABLES.length + 1);
  });

  it('stores the values exactly: decimal amounts, tags, dates and the conversion links', async () => {
    await using store = await open(migrationsDir);
    const data = generateDemoData({ size: 1, seed: 3 });
    await loadDemoData(store, data);
    const amounts = await store.query<{ id: string; amount: string; close_date: string }>('select id, amount, close_date from opportunities order by id');
    expect(amounts).toEqual(
      data.opportunities.map(({ id, amount, close_date }) => ({ id, amount, close_date })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    const leads = await store.query<{ id: string; interest_tags: string[]; converted_opportunity_id: string | null; created_at: Date }>(
      'select id, interest_tags, converted_opportunity_id, created_at from leads',
    );
    const generated = new Map(data.leads.map((lead) => [lead.id, lead]));
    for (const lead of leads) {
      const expected = generated.get(lead.id);
      expect(lead).toEqual({
        id: expected?.id,
        interest_tags: expected?.interest_tags,
        converted_opportunity_id: expected?.converted_opportunity_id,
        created_at: expected?.created_at,
      });
    }
    const [kinds] = await store.query<{ n: number }>("select count(*)::int as n from leads l join lead_statuses s on s.name = l.status where s.kind = 'NURTURE'");
    expect(kinds?.n).toBe(data.leads.filter((lead) => lead.status === 'Nurturing').length);
  });

  it('agrees with the lead statuses and opportunity stages the migration seeds', async () => {
    await using store = await open(migrationsDir);
    const statuses = await store.query<{ name: string; kind: string }>('select name, kind from lead_statuses order by sort_order');
    expect(statuses).toEqual(LEAD_STATUSES.map(({ name, kind }) => ({ name, kind })));
    const stages = await store.query('select name, default_probability, is_closed, is_won from opportunity_stages order by sort_order');
    expect(stages).toEqual(OPPORTUNITY_STAGES.map((s) => ({ name: s.name, default_probability: s.probability, is_closed: s.isClosed, is_won: s.isWon })));
  });

  it('loads on first start and refuses a store that has data, leaving it unchanged', async () => {
    await using store = await open(migrationsDir);
    expect(await isEmpty(store)).toBe(true);
    const first = await loadDemoDataIfEmpty(store, { size: 1, seed: 1 });
    expect(first).toEqual({ loaded: true, counts: countDemoData(generateDemoData({ size: 1, seed: 1 })) });
    const before = await storeCounts(store);
    const second = await loadDemoDataIfEmpty(store, { size: 1, seed: 2 });
    expect(second).toEqual({ loaded: false, reason: expect.stringMatching(/already has data \(26 accounts, 40 leads, 25 opportunities\)/) });
    expect(await storeCounts(store)).toEqual(before);
  });

  it('loads all or nothing: a bad row rolls every table back', async () => {
    await using store = await open(migrationsDir);
    const data = generateDemoData({ size: 1, seed: 5 });
    const last = data.test_drives.at(-1);
    if (last) last.rating = 9;
    await expect(loadDemoData(store, data)).rejects.toThrow(/test_drives_rating_check|violates check constraint/);
    expect(await isEmpty(store)).toBe(true);
  });
});
