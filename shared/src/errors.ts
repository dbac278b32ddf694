import { GraphQLError } from 'graphql';

/** The one catalogue of error codes the graph returns in `extensions.code`. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Forbidden: 'FORBIDDEN',
  Conflict: 'CONFLICT',
  Unauthenticated: 'UNAUTHENTICATED',
  /** Another subgraph this work needs did not answer (down, timed out, 5xx): nothing was written; try again later. */
  SubgraphUnavailable: 'SUBGRAPH_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A rule of the domain was broken. Domain code throws these; the GraphQL layer turns them into `GraphQLError`s. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Input that breaks a rule: names the field, the value received and the rule. */
export function badInput(field: string, value: unknown, rule: string): DomainError {
  return new DomainError(ErrorCode.BadUserInput, `${field}: ${rule} (got ${describe(value)})`, { field, value });
}

/** Nothing the caller may see has this id. `field` names the input that pointed at it, when there was one. */
export function notFound(typename: string, id: string, field?: string): DomainError {
  const what = `${typename} ${JSON.stringify(id)} was not found`;
  return new DomainError(ErrorCode.NotFound, field ? `${field}: ${what}` : what, { typename, id, ...(field ? { field } : {}) });
}

export function forbidden(reason: string): DomainError {
  return new DomainError(ErrorCode.Forbidden, reason);
}

export function conflict(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.Conflict, message, details);
}

/** `subgraph` (a name, e.g. `crm`) did not answer; `reason` says how (refused, timed out, HTTP 503). */
export function subgraphUnavailable(subgraph: string, reason: string): DomainError {
  return new DomainError(ErrorCode.SubgraphUnavailable, `the ${subgraph} subgraph is unavailable: ${reason}`, { subgraph, reason });
}

export function unauthenticated(reason: string): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, reason);
}

/** Maps a thrown value to the error a client sees; unknown errors keep their message out of responses. */
export function toGraphQLError(error: unknown, path?: readonly (string | number)[]): GraphQLError {
  if (error instanceof GraphQLError && error.originalError instanceof DomainError) return toGraphQLError(error.originalError, error.path ?? path);
  if (error instanceof DomainError) {
    return new GraphQLError(error.message, { path, extensions: { code: error.code, ...error.details } });
  }
  if (error instanceof GraphQLError) return error;
  return new GraphQLError('Internal server error', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
