import { keysetSql, toConnection, type Connection, type PageQuery, type SortSpec, SqlParams } from '../pagination.ts';
import type { Queryable } from './store.ts';

export interface PageSource {
  /** Columns to select, e.g. `l.*, s.kind as status_kind`. */
  columns: string;
  /** FROM clause with its joins, e.g. `leads l join lead_statuses s on s.name = l.status`. */
  from: string;
  /** Filter conditions (ANDed), with placeholders registered in `params`. */
  where: string[];
  params: SqlParams;
  sort: SortSpec;
}

/**
 * Fetches one page of a keyset-paginated list in ONE statement; the total is counted by a second statement only if
 * the client asks for `totalCount`.
 */
export async function fetchPage<Row extends { id: string }>(db: Queryable, source: PageSource, query: PageQuery): Promise<Connection<Row>> {
  const filterParams = [...source.params.values];
  const filter = [...source.where];
  const keyset = keysetSql(query, source.sort, source.params.add);
  const conditions = keyset.where ? [...filter, keyset.where] : filter;
  const whereSql = conditions.length ? ` where ${conditions.join(' and ')}` : '';
  const rows = await db.query<Row & { sort_key: string }>(
    `select ${source.columns}, ${keyset.sortKeySelect} as sort_key from ${source.from}${whereSql} order by ${keyset.orderBy} limit ${keyset.limit}`,
    source.params.values,
  );
  const countWhere = filter.length ? ` where ${filter.join(' and ')}` : '';
  return toConnection(
    rows,
    query,
    (row) => [row.sort_key, row.id],
    async () => (await db.query<{ n: number }>(`select count(*)::int as n from ${source.from}${countWhere}`, filterParams))[0]?.n ?? 0,
  );
}
