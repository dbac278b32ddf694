import type { GraphQLFormattedError } from 'graphql';
import { formatError, type Logger } from '@l2c/shared';
import { QueryLimitError } from './limits.ts';

/**
 * Apollo `formatError` for the gateway. Subgraph errors keep their `extensions.code` (`BAD_USER_INPUT`, `NOT_FOUND`,
 * `FORBIDDEN`, `CONFLICT`, `UNAUTHENTICATED`) through the shared formatter; limit errors get their own code back from
 * under Apollo's `GRAPHQL_VALIDATION_FAILED`; anything unexpected is logged and reaches the client as a bare internal error.
 */
export function gatewayFormatError(logger: Logger) {
  const shared = formatError((error) => logger.error({ err: error }, 'unexpected error while serving a request'));
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = limitErrorOf(error);
    if (limit) {
      return { message: limit.message, locations: formatted.locations, extensions: { code: limit.code, limit: limit.limit, actual: limit.actual } };
    }
    return shared(formatted, error);
  };
}

/**
 * Apollo wraps a validation error in its own `GraphQLError`, keeping ours as `originalError`. The wrapper is not
 * tested with `instanceof GraphQLError`: where `graphql` loads as both its CommonJS and ESM builds (vitest), Apollo's
 * class is not ours.
 */
function limitErrorOf(error: unknown): QueryLimitError | null {
  if (error instanceof QueryLimitError) return error;
  const original = typeof error === 'object' && error !== null && 'originalError' in error ? error.originalError : undefined;
  return original instanceof QueryLimitError ? original : null;
}
