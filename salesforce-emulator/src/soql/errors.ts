/**
 * The query engine's error catalogue: every error the engine raises, with Salesforce's code, HTTP status and message
 * text. Messages were taken from real org responses (REST error bodies quoted in public issue trackers and client
 * tests), not invented; where Salesforce points at a position in the query, the message starts with the row of the
 * query, a caret under the offending token and `ERROR at Row:r:Column:c`, as the real API does.
 */

/** An error the REST layer turns into `[{ message, errorCode }]` with `status`. */
export class SoqlError extends Error {
  override readonly name = 'SoqlError';
  constructor(
    /** Salesforce's code, e.g. `MALFORMED_QUERY`, `INVALID_FIELD`. */
    readonly errorCode: string,
    message: string,
    /** HTTP status Salesforce answers with. Default: 400. */
    readonly status = 400,
  ) {
    super(message);
  }

  /** The REST body: a one-element array, which jsforce turns into an error named by `errorCode`. */
  toBody(): [{ message: string; errorCode: string }] {
    return [{ message: this.message, errorCode: this.errorCode }];
  }
}

/** A 0-based character offset into the query text, or undefined when the position is unknown. */
export type QueryPosition = number | undefined;

const WSDL_HINT = 'Please reference your WSDL or the describe call for the appropriate names.';

/** `\n<row text>\n<caret>\nERROR at Row:r:Column:c\n<detail>`, Salesforce's prefix for errors tied to a position. */
export function positioned(soql: string, offset: QueryPosition, detail: string): string {
  if (offset === undefined) return detail;
  const clamped = Math.max(0, Math.min(offset, soql.length));
  const lineStart = soql.lastIndexOf('\n', clamped - 1) + 1;
  const lineEndRaw = soql.indexOf('\n', clamped);
  const lineEnd = lineEndRaw < 0 ? soql.length : lineEndRaw;
  let row = 1;
  for (let i = 0; i < lineStart; i++) if (soql.charCodeAt(i) === 10) row++;
  const column = clamped - lineStart + 1;
  const line = soql.slice(lineStart, lineEnd).replace(/\r$/, '');
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${detail}`;
}

export const errors = {
  /** A syntax error. `token` is what the parser found (`<EOF>` at the end). */
  unexpectedToken: (soql: string, at: QueryPosition, token: string) =>
    new SoqlError('MALFORMED_QUERY', positioned(soql, at, `unexpected token: '${token}'`)),
  /** A character the lexer cannot read, reported as Salesforce does since Summer '24 (`line 1:15 unexpected token: '$'`). */
  unexpectedCharacter: (soql: string, at: number, char: string) => {
    const before = soql.slice(0, at);
    const line = before.split('\n').length;
    const column = at - (before.lastIndexOf('\n') + 1);
    return new SoqlError('MALFORMED_QUERY', positioned(soql, at, `line ${line}:${column} unexpected token: '${char}'`));
  },
  /** `GET /query` without `q`. */
  noQueryString: () => new SoqlError('MALFORMED_QUERY', 'A query string has to be specified'),
  emptyQuery: () => new SoqlError('MALFORMED_QUERY', 'SOQL statements cannot be empty or null'),
  malformed: (soql: string, at: QueryPosition, detail: string) => new SoqlError('MALFORMED_QUERY', positioned(soql, at, detail)),
  unknownObject: (soql: string, at: QueryPosition, name: string) =>
    new SoqlError(
      'INVALID_TYPE',
      positioned(
        soql,
        at,
        `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. ${WSDL_HINT}`,
      ),
    ),
  unknownChildRelationship: (soql: string, at: QueryPosition, name: string) =>
    new SoqlError(
      'INVALID_TYPE',
      positioned(
        soql,
        at,
        `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. ${WSDL_HINT}`,
      ),
    ),
  unknownField: (soql: string, at: QueryPosition, field: string, entity: string) =>
    new SoqlError(
      'INVALID_FIELD',
      positioned(
        soql,
        at,
        `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. ${WSDL_HINT}`,
      ),
    ),
  unknownRelationship: (soql: string, at: QueryPosition, name: string) =>
    new SoqlError(
      'INVALID_FIELD',
      positioned(
        soql,
        at,
        `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. ${WSDL_HINT}`,
      ),
    ),
  /** `field 'Description' can not be filtered in a query call` (and sorted, grouped). */
  fieldCannot: (soql: string, at: QueryPosition, field: string, what: 'filtered' | 'sorted' | 'grouped') =>
    new SoqlError('INVALID_FIELD', positioned(soql, at, `field '${field}' can not be ${what} in a query call`)),
  /** A literal of the wrong kind for the field: `value of filter criterion for field 'X' must be of type boolean and should not be enclosed in quotes`. */
  filterValueType: (soql: string, at: QueryPosition, field: string, type: string) =>
    new SoqlError(
      'INVALID_FIELD',
      positioned(
        soql,
        at,
        type === 'string'
          ? `value of filter criterion for field '${field}' must be of type string and should be enclosed in quotes`
          : `value of filter criterion for field '${field}' must be of type ${type} and should not be enclosed in quotes`,
      ),
    ),
  invalidId: (soql: string, at: QueryPosition, value: string) =>
    new SoqlError('INVALID_QUERY_FILTER_OPERATOR', positioned(soql, at, `invalid ID field: ${value}`)),
  /** An operator the field's type does not take: `invalid operator on id field`, `invalid operator on multipicklist field`. */
  invalidOperator: (soql: string, at: QueryPosition, type: string) =>
    new SoqlError('INVALID_QUERY_FILTER_OPERATOR', positioned(soql, at, `invalid operator on ${type} field`)),
  includesNeedsMultipicklist: (soql: string, at: QueryPosition) =>
    new SoqlError('INVALID_QUERY_FILTER_OPERATOR', positioned(soql, at, 'includes or excludes operator only valid on multipicklist field')),
  duplicateField: (soql: string, at: QueryPosition, field: string) =>
    new SoqlError('MALFORMED_QUERY', positioned(soql, at, `duplicate field selected: ${field}`)),
  notGrouped: (soql: string, at: QueryPosition, field: string) =>
    new SoqlError('MALFORMED_QUERY', positioned(soql, at, `Field must be grouped or aggregated: ${field}`)),
  aggregateNotSupported: (soql: string, at: QueryPosition, field: string, fn: string) =>
    new SoqlError('MALFORMED_QUERY', positioned(soql, at, `field ${field} does not support aggregate operator ${fn}`)),
  offsetTooLarge: () => new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000'),
  invalidDatetime: (soql: string, at: QueryPosition, value: string) =>
    new SoqlError('MALFORMED_QUERY', positioned(soql, at, `Invalid datetime: ${value}`)),
  invalidDate: (soql: string, at: QueryPosition, value: string) => new SoqlError('MALFORMED_QUERY', positioned(soql, at, `Invalid date: ${value}`)),
  aggregateTooLarge: () =>
    new SoqlError('EXCEEDED_ID_LIMIT', 'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch'),
  invalidLocator: () => new SoqlError('INVALID_QUERY_LOCATOR', 'invalid query locator'),
  methodNotAllowed: (method: string) => new SoqlError('METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are GET,HEAD`, 405),
  /**
   * A valid SOQL feature this emulator does not implement (TYPEOF, date functions, WITH…). Not a Salesforce code on
   * purpose: a gap in the emulator must never pass for a mistake in the caller's query.
   */
  unsupported: (soql: string, at: QueryPosition, feature: string) =>
    new SoqlError('EMULATOR_UNSUPPORTED_QUERY', positioned(soql, at, `${feature} is not supported by the Salesforce emulator`)),
} as const;
