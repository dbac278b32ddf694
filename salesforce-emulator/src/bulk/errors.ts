/**
 * Errors of the Bulk API 2.0 resources. Salesforce answers them as a JSON array with one `{errorCode, message}`,
 * which jsforce's `BulkApiV2` turns into an error named by `errorCode`. Every refusal of this package goes through
 * `BulkError` so the status, code and message live in one place.
 */

export class BulkError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'BulkError';
  }

  /** The response body Salesforce sends. */
  body(): [{ errorCode: string; message: string }] {
    return [{ errorCode: this.errorCode, message: this.message }];
  }
}

/** Unknown job ID, or a job of the other kind (an ingest ID under `/jobs/query`). */
export function jobNotFound(): BulkError {
  return new BulkError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

/** A path under `/jobs/` that names no resource. */
export function resourceNotFound(): BulkError {
  return new BulkError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

export function methodNotAllowed(method: string, allowed: readonly string[]): BulkError {
  return new BulkError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`);
}

/** A request body that is not the JSON the resource expects (Salesforce's deserializer error). */
export function jsonParserError(detail: string): BulkError {
  return new BulkError(400, 'JSON_PARSER_ERROR', detail);
}

/** A job definition Salesforce refuses at creation (unknown object, upsert without an external ID…). */
export function invalidJob(message: string): BulkError {
  return new BulkError(400, 'INVALIDJOB', message);
}

/** An action the job's current state does not allow (upload to a closed job, closing twice…). */
export function invalidJobState(message: string): BulkError {
  return new BulkError(409, 'INVALIDJOBSTATE', message);
}
