import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, subgraphUnavailable } from '../errors.ts';
import { SubgraphRequestError } from '../graphClient/client.ts';

/**
 * Apollo `formatError`: domain errors keep their code, message and details; a call to another subgraph that got no
 * answer becomes `SUBGRAPH_UNAVAILABLE` naming that subgraph; anything unexpected is logged and
 * reaches the client as a bare internal error, so no internals leak.
 */
export function formatError(onUnexpected: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    // Another subgraph this resolver needed did not answer: said as such, never as an internal error.
    const original = unwrapped instanceof SubgraphRequestError && unwrapped.unavailable ? subgraphUnavailable(unwrapped.subgraph, unwrapped.reason) : unwrapped;
    if (original instanceof DomainError) {
      return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...original.details } };
    }
    const code = formatted.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
      onUnexpected(original);
      return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return formatted;
  };
}
