/**
 * The query service the HTTP layer mounts: `GET /query?q=`, `GET /queryAll?q=`, `GET /query/<locator>` and
 * `GET /search?q=`. A query is evaluated once; its result is kept as a cursor (the rows, not the JSON) and served a
 * page at a time, so paging a large result costs one evaluation plus the shaping of each page.
 *
 * Errors are thrown as `SoqlError`; answer them with `error.status` and `error.toBody()`.
 */
import type { Org } from '../org/types.ts';
import { CursorStore } from './cursors.ts';
import { prepareQuery, type PreparedQuery, type QueryResult } from './engine.ts';
import { errors } from './errors.ts';
import type { QueryOrg } from './scope.ts';
import { executeSearch, type SearchResult } from './sosl.ts';

/** The org as the service reads it; the emulator's `Org` fits as it is. */
export type ServiceOrg = Pick<Org, 'schema' | 'get' | 'records' | 'children' | 'now'>;

export interface SoqlServiceOptions {
  org: ServiceOrg;
  /** How long a query locator survives unused. Default: 900,000 ms (Salesforce's 15 minutes). */
  cursorTtlMs?: number;
  /** Query locators one owner may hold open; opening another closes the least recently used. Default: 10 (Salesforce's per-user limit). */
  maxCursorsPerOwner?: number;
  /** Clock for locator expiry, epoch ms. Default: `Date.now`. */
  clock?: () => number;
}

export interface QueryRequest {
  soql: string;
  /** The version in the request path, `NN.0`; used in record and `nextRecordsUrl` URLs. */
  apiVersion: string;
  /** `/queryAll`: include deleted records. Default: false. */
  queryAll?: boolean;
  /** From `Sforce-Query-Options` (see `batchSizeFromHeader`). Default: 2000. */
  batchSize?: number;
  /** Who holds the cursor (the session's user ID), for the open-locator limit. Default: one shared owner. */
  owner?: string;
}

export interface QueryMoreRequest {
  /** The last segment of `nextRecordsUrl`: `<cursorId>-<offset>`. */
  locator: string;
  apiVersion: string;
  /** Overrides the batch size the query was opened with. */
  batchSize?: number;
}

export const DEFAULT_BATCH_SIZE = 2000;
export const MIN_BATCH_SIZE = 200;
export const MAX_BATCH_SIZE = 2000;

/**
 * The batch size asked for by a `Sforce-Query-Options` header (`batchSize=500`), clamped to Salesforce's 200–2000;
 * the default 2000 when the header is absent or says nothing usable.
 */
export function batchSizeFromHeader(header: string | readonly string[] | undefined): number {
  const text = Array.isArray(header) ? header.join(',') : (header as string | undefined);
  const match = text ? /(?:^|[,;\s])batchSize\s*=\s*(\d+)/i.exec(text) : null;
  if (!match) return DEFAULT_BATCH_SIZE;
  return Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
}

export class SoqlService {
  private readonly org: QueryOrg;
  private readonly cursors: CursorStore;

  constructor(options: SoqlServiceOptions) {
    const { org } = options;
    this.org = { schema: org.schema, source: org, now: () => org.now() };
    this.cursors = new CursorStore({ ttlMs: options.cursorTtlMs, maxPerOwner: options.maxCursorsPerOwner, clock: options.clock });
  }

  /** `GET /query?q=` and `GET /queryAll?q=`: the first page, with `nextRecordsUrl` when more remain. */
  query(request: QueryRequest): QueryResult {
    const queryAll = request.queryAll ?? false;
    const prepared = prepareQuery(this.org, request.soql, { apiVersion: request.apiVersion, includeDeleted: queryAll });
    const batchSize = clampBatchSize(request.batchSize);
    // COUNT() reports a size and carries no records, so it never needs a locator.
    if (prepared.kind === 'count' || prepared.totalSize <= batchSize) return page(prepared, 0, batchSize);
    // Aggregate results come in one batch whatever the batch size asked for, and cannot be paged at all past 2000.
    if (prepared.kind === 'aggregate') {
      if (prepared.totalSize > MAX_BATCH_SIZE) throw errors.aggregateTooLarge();
      return page(prepared, 0, MAX_BATCH_SIZE);
    }
    const cursor = this.cursors.open(prepared, queryAll, batchSize, request.owner ?? '');
    return page(prepared, 0, batchSize, `/services/data/v${request.apiVersion}/${queryAll ? 'queryAll' : 'query'}/${cursor.id}`);
  }

  /** `GET /query/<locator>` (also reached as `/queryAll/<locator>`): the page starting at the locator's offset. */
  queryMore(request: QueryMoreRequest): QueryResult {
    const match = /^(01g[0-9A-Za-z]{15})-(\d+)$/.exec(request.locator);
    const cursor = match ? this.cursors.take(match[1]!) : undefined;
    const offset = Number(match?.[2]);
    if (!cursor || offset > cursor.prepared.totalSize) throw errors.invalidLocator();
    const batchSize = request.batchSize === undefined ? cursor.batchSize : clampBatchSize(request.batchSize);
    return page(cursor.prepared, offset, batchSize, `/services/data/v${request.apiVersion}/${cursor.queryAll ? 'queryAll' : 'query'}/${cursor.id}`);
  }

  /** `GET /search?q=`: SOSL. */
  search(sosl: string, options: { apiVersion: string }): SearchResult {
    return executeSearch(this.org, sosl, options);
  }

  /** How many query locators are open (for tests and diagnostics). */
  get openCursors(): number {
    return this.cursors.size;
  }
}

function clampBatchSize(size: number | undefined): number {
  if (size === undefined || !Number.isFinite(size)) return DEFAULT_BATCH_SIZE;
  return Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Math.floor(size)));
}

/** One page in Salesforce's key order: totalSize, done, nextRecordsUrl (while not done), records. */
function page(prepared: PreparedQuery, offset: number, size: number, locatorUrl?: string): QueryResult {
  const end = Math.min(prepared.totalSize, offset + size);
  const records = prepared.records(offset, end);
  if (end >= prepared.totalSize || locatorUrl === undefined) return { totalSize: prepared.totalSize, done: true, records };
  return { totalSize: prepared.totalSize, done: false, nextRecordsUrl: `${locatorUrl}-${end}`, records };
}
