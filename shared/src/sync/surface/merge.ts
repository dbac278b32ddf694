/**
 * One newest-first page over several sources that each page newest-first on their own (the sync engines of several
 * subgraphs). The page's cursor keeps each source's own position, so a source is always read on from where this list
 * last took a row of it: no row is shown twice or skipped, whatever the sources' rows look like next to each other.
 * The ordering across sources (`newer`) only decides how their rows interleave.
 */

/** Rows a source returned after its position: at most `limit + 1`, newest first in the source's own order. */
export interface SourceRows<T> {
  source: string;
  rows: readonly T[];
}

/** Each source's position: the last of its rows a page showed (absent: none shown yet, read from its newest). */
export type Positions = Readonly<Record<string, unknown>>;

export interface MergedPage<T> {
  nodes: { source: string; row: T }[];
  /** A source still has rows after what the page took. */
  hasNextPage: boolean;
  /** Positions after the first node (null on an empty page). */
  start: Positions | null;
  /** Positions after the last node: the next page's `previous`. */
  end: Positions;
}

export interface MergeOptions<T> {
  limit: number;
  /** Negative when `a` comes before `b` (is newer); sources break ties in the order they are given. */
  newer: (a: T, b: T) => number;
  /** A row's position in its source, as the source's own `before` filter takes it. */
  positionOf: (row: T) => unknown;
  /** The positions this page continues from (the previous page's `end`). Default: none. */
  previous?: Positions;
}

export function mergeNewestFirst<T>(sources: readonly SourceRows<T>[], options: MergeOptions<T>): MergedPage<T> {
  const heads = sources.map(() => 0);
  const nodes: { source: string; row: T }[] = [];
  const end: Record<string, unknown> = { ...options.previous };
  let start: Positions | null = null;
  while (nodes.length < options.limit) {
    let pick = -1;
    for (const [i, source] of sources.entries()) {
      const row = source.rows[heads[i]!];
      if (row === undefined) continue;
      if (pick === -1 || options.newer(row, sources[pick]!.rows[heads[pick]!]!) < 0) pick = i;
    }
    if (pick === -1) break;
    const source = sources[pick]!;
    const row = source.rows[heads[pick]!]!;
    heads[pick]! += 1;
    nodes.push({ source: source.source, row });
    end[source.source] = options.positionOf(row);
    if (nodes.length === 1) start = { ...end };
  }
  return { nodes, hasNextPage: sources.some((source, i) => heads[i]! < source.rows.length), start, end };
}
