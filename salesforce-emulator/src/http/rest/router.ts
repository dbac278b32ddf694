/**
 * Dispatches a REST request under `/services/data/vXX.X` to its handler. Everything here is synchronous, so
 * `/composite` can run subrequests through `dispatchRest` inside one org transaction. Resources served by the
 * other parts of the emulator (query, search) plug in as `extraRoutes`.
 */
import { apiErrors } from '../errors.ts';
import type { ApiRequest, ApiResponse, RestContext, RestHandler } from '../types.ts';
import { handleCollection, handleCollectionRetrieve, handleCollectionUpsert } from './collections.ts';
import { handleComposite } from './composite.ts';
import { handleExternalId } from './externalId.ts';
import { handleLimits } from './limits.ts';
import { handleReplication } from './replication.ts';
import { handleDescribe, handleDescribeGlobal, handleRecord, handleSObjectRoot } from './sobjects.ts';
import { handleResources } from './versions.ts';

/** A resource mounted beside the built-in ones: `pattern` matches the path after the version. */
export interface ExtraRoute {
  pattern: RegExp;
  handler: RestHandler;
}

type Route = [RegExp, (request: ApiRequest, context: RestContext, params: string[]) => ApiResponse];

export function dispatchRest(request: ApiRequest, context: RestContext, extraRoutes: readonly ExtraRoute[] = []): ApiResponse {
  const path = request.path.replace(/\/+$/, '') || '/';
  for (const extra of extraRoutes) if (extra.pattern.test(path)) return extra.handler(request, context);
  const dispatch = (sub: ApiRequest) => dispatchRest(sub, context, extraRoutes);
  const routes: Route[] = [
    [/^\/$/, (r, c) => handleResources(r, c)],
    [/^\/sobjects$/, (r, c) => handleDescribeGlobal(r, c)],
    [/^\/sobjects\/([^/]+)$/, (r, c, [t]) => handleSObjectRoot(r, c, t!)],
    [/^\/sobjects\/([^/]+)\/describe$/, (r, c, [t]) => handleDescribe(r, c, t!)],
    [/^\/sobjects\/([^/]+)\/(updated|deleted)$/, (r, c, [t, kind]) => handleReplication(r, c, t!, kind as 'updated' | 'deleted')],
    [/^\/sobjects\/([^/]+)\/([^/]+)$/, (r, c, [t, id]) => handleRecord(r, c, t!, id!)],
    [/^\/sobjects\/([^/]+)\/([^/]+)\/([^/]+)$/, (r, c, [t, field, value]) => handleExternalId(r, c, t!, field!, value!)],
    [/^\/composite\/sobjects$/, (r, c) => handleCollection(r, c)],
    [/^\/composite\/sobjects\/([^/]+)$/, (r, c, [t]) => handleCollectionRetrieve(r, c, t!)],
    [/^\/composite\/sobjects\/([^/]+)\/([^/]+)$/, (r, c, [t, field]) => handleCollectionUpsert(r, c, t!, field!)],
    [/^\/composite$/, (r, c) => handleComposite(r, c, dispatch)],
    [/^\/limits$/, (r, c) => handleLimits(r, c)],
  ];
  for (const [pattern, handler] of routes) {
    const match = pattern.exec(path);
    if (match) return handler(request, context, match.slice(1).map((part) => decodeURIComponent(part)));
  }
  throw apiErrors.notFound();
}
