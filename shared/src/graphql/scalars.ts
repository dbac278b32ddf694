import { GraphQLError, GraphQLScalarType, Kind, defaultFieldResolver, type GraphQLFieldResolver } from 'graphql';
import { DomainError } from '../errors.ts';
import { dateTimeValue, dateValue, decimalValue } from '../values.ts';

/** Turns a value check's domain error into the error GraphQL reports for a bad literal or variable. */
function parsed<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof DomainError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    throw error;
  }
}

function stringLiteral(name: string) {
  return (ast: { kind: Kind; value?: unknown }): string => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be written as a string`, { extensions: { code: 'BAD_USER_INPUT' } });
    return String(ast.value);
  };
}

/** `YYYY-MM-DD`, checked to be a real calendar date. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: (value) => parsed(() => dateValue('Date', String(value))),
  parseLiteral: (ast) => parsed(() => dateValue('Date', stringLiteral('Date')(ast))),
});

/** ISO 8601 with a time zone; always answered in UTC with milliseconds. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: (value) => parsed(() => dateTimeValue('DateTime', String(value))),
  parseLiteral: (ast) => parsed(() => dateTimeValue('DateTime', stringLiteral('DateTime')(ast))),
});

/** An exact decimal carried as a string, never a float. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  serialize: (value) => String(value),
  parseValue: (value) => parsed(() => decimalValue('Decimal', typeof value === 'number' ? String(value) : String(value), { scale: 6 })),
  parseLiteral: (ast) => parsed(() => decimalValue('Decimal', stringLiteral('Decimal')(ast), { scale: 6 })),
});

/**
 * Reads a camelCase field from a snake_case row (`lastName` → `last_name`) when the row has no property of the
 * field's own name, so resolvers are written only for fields that compute something.
 */
export const snakeCaseFieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  if (source && typeof source === 'object' && !(info.fieldName in source)) {
    const snake = info.fieldName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (snake in source) return (source as Record<string, unknown>)[snake];
  }
  return defaultFieldResolver(source, args, context, info);
};
