import { badInput, type Connection, type Queryable, type Scope } from '@l2c/shared';
import { casePage, countCases, type CaseFilter } from './cases.ts';
import type { CaseKind, CaseRow } from './rows.ts';

/** Cases in the order they entered the log, a page at a time (keyset on the case's number; opaque cursors). */
export async function caseConnection(db: Queryable, scope: Scope, filter: CaseFilter, kinds: readonly CaseKind[], page: { first: number; after: string | null }): Promise<Connection<CaseRow>> {
  const after = page.after === null ? -1 : decode(page.after);
  const rows = await casePage(db, scope, filter, kinds, after, page.first + 1);
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encode(node.case_no), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > page.first, hasPreviousPage: page.after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => countCases(db, scope, filter, kinds),
  };
}

function encode(caseNo: number): string {
  return Buffer.from(`case:${caseNo}`).toString('base64url');
}

function decode(cursor: string): number {
  const match = /^case:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('after', cursor, 'is not a cursor this list gave out');
  return Number(match[1]);
}
