import { describe, expect, it } from 'vitest';
import { openWarrantyTestStore } from '../testing/fixtures.ts';
import { loadDemoBookIfEmpty } from './book.ts';

describe('the demo book', () => {
  it('loads into an empty store once, and only then', async () => {
    await using store = await openWarrantyTestStore();
    expect(await loadDemoBookIfEmpty(store)).toEqual({ loaded: true });
    expect(await loadDemoBookIfEmpty(store)).toEqual({ loaded: false });
    expect(await store.query('select kind, count(*)::int as n from codes group by kind order by kind')).toEqual([{ kind: 'EXPENSE', n: 2 }, { kind: 'FAULT', n: 5 }, { kind: 'LABOR', n: 5 }]);
    expect(await store.query("select t.code, count(p.id)::int as families from warranty_terms t left join product_warranty_terms p on p.term_id = t.id group by t.code order by t.code")).toEqual([
      { code: 'BASIC-36', families: 9 },
      { code: 'EXT-24', families: 0 },
      { code: 'HVB-96', families: 2 },
    ]);
  });
});
