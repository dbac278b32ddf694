import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { codegen } from '@graphql-codegen/core';
import * as typedDocumentNodePlugin from '@graphql-codegen/typed-document-node';
import * as operationsPlugin from '@graphql-codegen/typescript-operations';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSchema, Kind, lexicographicSortSchema, printSchema, NoUnusedFragmentsRule, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { EVENT_FAMILIES } from '../../gateway/src/subscriptions/eventFamilies.ts';
import { buildSubscriptionSchema } from '../../gateway/src/subscriptions/subscriptionSchema.ts';
import { banner, type GeneratedFile } from './generatedFile.ts';

/** The console's operations, and where their types go. */
export const CONSOLE_OPERATIONS_DIR = 'console/src/graphql';
export const CONSOLE_TYPES_PATH = 'console/src/__generated__/graphql.ts';

/** Raised when a console operation does not validate against the graph clients see; names the file and the error. */
export class ConsoleOperationsError extends Error {
  override readonly name = 'ConsoleOperationsError';
}

/**
 * Typed documents for the admin console: every `.graphql` file under `console/src/graphql`, validated against the
 * graph as a client sees it (the supergraph's API schema, plus the `Subscription` root the gateway adds), turned into
 * `TypedDocumentNode`s with their result and variable types. A field the console asks for that the graph lacks fails
 * codegen, naming the operation's file.
 */
export async function generateConsoleOperations(root: string, supergraphSdl: string): Promise<GeneratedFile> {
  const schema = lexicographicSortSchema(clientSchema(supergraphSdl));
  const files = readdirSync(join(root, CONSOLE_OPERATIONS_DIR))
    .filter((name) => name.endsWith('.graphql'))
    .sort();
  const documents = files.map((name) => {
    const location = `${CONSOLE_OPERATIONS_DIR}/${name}`;
    const document = parse(readFileSync(join(root, location), 'utf8'));
    return { location, document };
  });
  // Each file is validated with every file's fragments (a fragment may be spread in another file), so errors name their file.
  const fragments = documents.flatMap((d) => d.document.definitions.filter((def) => def.kind === Kind.FRAGMENT_DEFINITION));
  const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
  const problems = documents.flatMap(({ location, document }) => {
    const own = new Set(document.definitions);
    const errors = validate(schema, { kind: Kind.DOCUMENT, definitions: [...document.definitions, ...fragments.filter((f) => !own.has(f))] }, rules);
    return errors.map((error) => `  ${location}: ${error.message}`);
  });
  if (problems.length > 0) throw new ConsoleOperationsError(`console operations do not fit the graph:\n${problems.join('\n')}`);
  const output = await codegen({
    filename: CONSOLE_TYPES_PATH,
    schema: parse(printSchemaWithDirectives(schema)),
    schemaAst: schema,
    documents,
    plugins: [{ 'typescript-operations': {} }, { 'typed-document-node': {} }],
    pluginMap: { 'typescript-operations': operationsPlugin, 'typed-document-node': typedDocumentNodePlugin },
    config: {
      onlyOperationTypes: true,
      enumsAsTypes: true,
      useTypeImports: true,
      avoidOptionals: { field: true, inputValue: false, object: false },
      scalars: { DateTime: 'string', Date: 'string', Decimal: 'string', JSON: 'unknown' },
      strictScalars: true,
      dedupeFragments: true,
    },
  });
  return { path: CONSOLE_TYPES_PATH, content: `${banner('slashes', ['gateway/supergraph.graphql', 'gateway/src/subscriptions/eventFamilies.ts', `${CONSOLE_OPERATIONS_DIR}/*.graphql`])}${output.trimEnd()}\n` };
}

/** The schema a client of the gateway sees: the supergraph's API schema with the gateway's subscriptions. */
export function clientSchema(supergraphSdl: string): GraphQLSchema {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const unused = () => {
    throw new Error('codegen builds the subscription schema for its types only');
  };
  const { schema } = buildSubscriptionSchema(api, EVENT_FAMILIES, { subscribe: unused, resolveEntity: unused });
  // Through SDL and back: the gateway's enums carry internal values (`SyncJobProgress`), clients see their names.
  return buildSchema(printSchema(schema));
}
