/**
 * Parses SOQL with `@jetstreamapp/soql-parser-js` and turns its syntax errors into Salesforce's `MALFORMED_QUERY`
 * (`unexpected token: 'FROM'`, `'<EOF>'` at the end). The parser reports the token it found but not where, so the
 * caret goes under that token's first occurrence in the text.
 */
import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import { errors } from './errors.ts';
import { Locator } from './locate.ts';

export function parseSoql(soql: string): Query {
  if (soql.trim() === '') throw errors.emptyQuery();
  try {
    return parseQuery(soql);
  } catch (error) {
    throw toMalformedQuery(soql, error);
  }
}

function toMalformedQuery(soql: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const lexing = /unexpected character: ->(.)<- at offset: (\d+)/.exec(message);
  if (lexing) return errors.unexpectedCharacter(soql, Number(lexing[2]), lexing[1]!);
  const found =
    /but found --> '(.*)' <--/s.exec(message)?.[1] ??
    /but found: '(.*)'\s*$/s.exec(message)?.[1] ??
    /expecting EOF but found: (.*)$/s.exec(message)?.[1];
  const locator = Locator.of(soql);
  if (found === undefined || found === '') return errors.unexpectedToken(soql, locator.end(), '<EOF>');
  return errors.unexpectedToken(soql, locator.token(found), found);
}
