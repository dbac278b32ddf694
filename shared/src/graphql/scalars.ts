import { GraphQLError, GraphQLScalarType, Kind, defaultFieldResolver, type GraphQLFieldResolver, type ValueNode } from 'graphql';

/**
 * Custom scalars take their input as text and leave the checking to the domain, which knows the field's name: a bad
 * date becomes `input.closeDate: must be a calendar date…` with code BAD_USER_INPUT, not an anonymous validation
 * failure. (The gateway's supergraph knows these scalars only by name, so a subgraph-level parse error would surface
 * as a failed subgraph call.)
 */
function asText(name: string) {
  return {
    parseValue: (value: unknown): string => {
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      throw new GraphQLError(`${name} must be written as a string (got ${JSON.stringify(value)})`, { extensions: { code: 'BAD_USER_INPUT' } });
    },
    parseLiteral: (ast: ValueNode): string => {
      if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return ast.value;
      throw new GraphQLError(`${name} must be written as a string`, { extensions: { code: 'BAD_USER_INPUT' } });
    },
  };
}

/** `YYYY-MM-DD`; commands check it is a real calendar date (`dateValue`). */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  ...asText('Date'),
});

/** ISO 8601 with a time zone, answered in UTC with milliseconds; commands check input with `dateTimeValue`. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  ...asText('DateTime'),
});

/** An exact decimal carried as a string, never a float; commands check input with `decimalValue`. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  serialize: (value) => String(value),
  ...asText('Decimal'),
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
