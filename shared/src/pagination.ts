import { badInput } from './errors.ts';

/** Relay connection arguments, as every list field takes them. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for it, so a page costs one statement. */
  totalCount: () => Promise<number>;
}

/** The position of a row in a sorted list: its sort value and its id (the tie-breaker). */
export type SortKey = readonly [value: string | number | boolean | null, id: string];

/** What one page asks of the store: rows after or before a key, in which direction, how many. */
export interface PageQuery {
  limit: number;
  /** `true` when paging with `last`/`before`: rows are fetched in reverse order and flipped back. */
  backward: boolean;
  after: SortKey | null;
  before: SortKey | null;
}

export interface PageLimits {
  /** Page size when neither `first` nor `last` is given. Default 20. */
  defaultSize?: number;
  /** Largest page a client may ask for. Default 200. */
  maxSize?: number;
}

/** Validates connection arguments and turns them into a page query; bad arguments get an error naming the argument. */
export function pageQuery(args: ConnectionArgs, limits: PageLimits = {}): PageQuery {
  const { defaultSize = 20, maxSize = 200 } = limits;
  const { first, last, after, before } = args;
  if (first != null && last != null) throw badInput('last', last, 'cannot be combined with first; page one way at a time');
  for (const [name, size] of [['first', first], ['last', last]] as const) {
    if (size != null && (size < 0 || size > maxSize || !Number.isInteger(size))) {
      throw badInput(name, size, `must be a whole number from 0 to ${maxSize}`);
    }
  }
  const backward = last != null || (first == null && before != null && after == null);
  return {
    limit: first ?? last ?? defaultSize,
    backward,
    after: after == null ? null : decodeCursor(after, 'after'),
    before: before == null ? null : decodeCursor(before, 'before'),
  };
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, argument: string): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && typeof key[1] === 'string') return key as unknown as SortKey;
  } catch {
    // fall through to the error below
  }
  throw badInput(argument, cursor, 'is not a cursor this list returned');
}

/** How a list is sorted, as SQL: a never-null sort expression, its SQL type (for cursor values), the id tie-breaker. */
export interface SortSpec {
  sortExpr: string;
  /** SQL type the cursor's sort value is cast to, e.g. `timestamptz`, `text`, `numeric`, `date`. */
  sortType: string;
  idExpr: string;
  descending: boolean;
}

export interface KeysetSql {
  /** A condition to AND into the query's WHERE, or `null` when the page starts at an end. */
  where: string | null;
  orderBy: string;
  limit: number;
  /** Select this expression `as sort_key` so each row's cursor holds its exact sort value (microseconds included). */
  sortKeySelect: string;
}

/**
 * Builds keyset pagination SQL. `param` registers a value and returns its placeholder (`$3`). The limit is one more
 * than the page, to learn whether another page follows.
 */
export function keysetSql(query: PageQuery, sort: SortSpec, param: (value: unknown) => string): KeysetSql {
  const conditions: string[] = [];
  const bound = (key: SortKey, later: boolean) => {
    const op = later !== sort.descending ? '>' : '<';
    conditions.push(`(${sort.sortExpr}, ${sort.idExpr}) ${op} (${param(key[0])}::${sort.sortType}, ${param(key[1])})`);
  };
  if (query.after) bound(query.after, true);
  if (query.before) bound(query.before, false);
  const ascending = sort.descending === query.backward;
  const dir = ascending ? 'asc' : 'desc';
  return {
    where: conditions.length ? conditions.join(' and ') : null,
    orderBy: `${sort.sortExpr} ${dir}, ${sort.idExpr} ${dir}`,
    limit: query.limit + 1,
    sortKeySelect: `(${sort.sortExpr})::text`,
  };
}

/** Collects SQL parameters and hands out their placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];
  /** Registers a value; returns its placeholder. */
  readonly add = (value: unknown): string => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}

/** Turns the rows a keyset query returned into a connection. */
export function toConnection<T>(
  rows: readonly T[],
  query: PageQuery,
  keyOf: (row: T) => SortKey,
  totalCount: () => Promise<number>,
): Connection<T> {
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (query.backward) page.reverse();
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: query.backward ? query.before != null : hasMore,
      hasPreviousPage: query.backward ? hasMore : query.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
