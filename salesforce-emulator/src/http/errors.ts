/**
 * Top-level REST errors, in Salesforce's shape: an array of `{ message, errorCode }` (plus `fields` where Salesforce
 * sends them). jsforce turns a one-element array into an error named by `errorCode`. Handlers throw `ApiError`;
 * the server and `/composite` turn it into a response.
 */
import type { SaveError } from '../org/types.ts';
import type { ApiResponse } from './types.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  toResponse(): ApiResponse {
    return { status: this.status, body: [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }] };
  }
}

export const apiErrors = {
  notFound: () => new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist'),
  entityIsDeleted: () => new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []),
  noExternalIdField: (name: string) => new ApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`),
  methodNotAllowed: (method: string, allowed: string[]) =>
    new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`),
  invalidSession: () => new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'),
  requestLimitExceeded: () => new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
  jsonParser: (detail: string) => new ApiError(400, 'JSON_PARSER_ERROR', detail),
  invalidField: (field: string, type: string) =>
    new ApiError(
      400,
      'INVALID_FIELD',
      `No such column '${field}' on entity '${type}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    ),
  malformedId: (label: string, value: string) => new ApiError(400, 'MALFORMED_ID', `${label} ID: id value of incorrect type: ${value}`, ['Id']),
  invalidInput: (message: string) => new ApiError(400, 'INVALID_INPUT', message),
  exceededIdLimit: (max: number) => new ApiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${max} records into this call`),
  /** A record-level failure of a single-record call, answered as the top-level error Salesforce sends. */
  fromSaveErrors: (errors: SaveError[], status = 400): ApiResponse => ({
    status,
    body: errors.map((error) => ({ message: error.message, errorCode: error.statusCode, fields: error.fields })),
  }),
};
