import { describe, expect, it } from 'vitest';
import { mergeNewestFirst, type Positions } from './merge.ts';

interface Row {
  id: number;
  at: number;
}

/** A source as an engine pages it: newest first by its own id, `limit + 1` rows before a position. */
function source(name: string, rows: Row[]) {
  const sorted = [...rows].sort((a, b) => b.id - a.id);
  return (limit: number, before: unknown) => ({ source: name, rows: sorted.filter((r) => before === undefined || r.id < (before as number)).slice(0, limit + 1) });
}

function readAll(sources: ReturnType<typeof source>[], limit: number) {
  const seen: string[] = [];
  let after: Positions | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const page = mergeNewestFirst(
      sources.map((s) => s(limit, undefined)).map((s, i) => sources[i]!(limit, after?.[s.source])),
      { limit, newer: (a: Row, b: Row) => b.at - a.at, positionOf: (r) => r.id, ...(after ? { previous: after } : {}) },
    );
    expect(page.nodes.length).toBeLessThanOrEqual(limit);
    seen.push(...page.nodes.map((n) => `${n.source}:${n.row.id}`));
    if (!page.hasNextPage) return seen;
    after = page.end;
  }
  throw new Error('never ended');
}

describe('mergeNewestFirst', () => {
  it('interleaves sources newest first and breaks ties in the order sources are given', () => {
    const page = mergeNewestFirst(
      [
        { source: 'crm', rows: [{ id: 3, at: 30 }, { id: 2, at: 10 }] },
        { source: 'cpq', rows: [{ id: 9, at: 30 }, { id: 8, at: 20 }] },
      ],
      { limit: 3, newer: (a, b) => b.at - a.at, positionOf: (r) => r.id },
    );
    expect(page.nodes.map((n) => `${n.source}:${n.row.id}`)).toEqual(['crm:3', 'cpq:9', 'cpq:8']);
    expect(page).toMatchObject({ hasNextPage: true, start: { crm: 3 }, end: { crm: 3, cpq: 8 } });
  });

  it('pages through sources of any sizes without showing a row twice or skipping one', () => {
    const crm = Array.from({ length: 23 }, (_, i) => ({ id: i + 1, at: i * 3 }));
    const cpq = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, at: i * 10 }));
    // Not in time order within the source: the source's own order still holds, and nothing is lost.
    const billing = [{ id: 1, at: 50 }, { id: 2, at: 5 }, { id: 3, at: 40 }];
    for (const limit of [1, 2, 5, 50]) {
      const seen = readAll([source('crm', crm), source('cpq', cpq), source('billing', billing), source('visits', [])], limit);
      expect(seen.length).toBe(33);
      expect(new Set(seen).size).toBe(33);
      for (const name of ['crm', 'cpq', 'billing']) {
        const ids = seen.filter((s) => s.startsWith(`${name}:`)).map((s) => Number(s.split(':')[1]));
        expect(ids).toEqual([...ids].sort((a, b) => b - a));
      }
    }
  });

  it('keeps the position of a source missing from a page, so it is read on from there once it answers again', () => {
    const first = mergeNewestFirst(
      [
        { source: 'crm', rows: [{ id: 5, at: 50 }, { id: 4, at: 40 }] },
        { source: 'cpq', rows: [{ id: 2, at: 45 }, { id: 1, at: 5 }] },
      ],
      { limit: 2, newer: (a, b) => b.at - a.at, positionOf: (r) => r.id },
    );
    expect(first.end).toEqual({ crm: 5, cpq: 2 });
    const second = mergeNewestFirst([{ source: 'crm', rows: [{ id: 4, at: 40 }] }], { limit: 2, newer: (a, b) => b.at - a.at, positionOf: (r) => r.id, previous: first.end });
    expect(second.end).toEqual({ crm: 4, cpq: 2 });
    expect(second.hasNextPage).toBe(false);
  });

  it('answers an empty page with the positions it was given', () => {
    expect(mergeNewestFirst([], { limit: 5, newer: () => 0, positionOf: () => 0, previous: { crm: 1 } })).toEqual({ nodes: [], hasNextPage: false, start: null, end: { crm: 1 } });
  });
});
