import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { codegen } from '@graphql-codegen/core';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import * as resolversPlugin from '@graphql-codegen/typescript-resolvers';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildASTSchema, lexicographicSortSchema, parse } from 'graphql';
import type { SubgraphEntry } from '@l2c/shared';
import { banner, type GeneratedFile } from './generatedFile.ts';
import { resolvableEntities } from './entities.ts';
import { contextTypeName, readSubgraphCodegenConfig, type SubgraphCodegenConfig } from './subgraphCodegenConfig.ts';

/** Where a subgraph's codegen reads and writes, from the repository root; derived from its schema path in the list. */
export interface SubgraphCodegenPaths {
  schema: string;
  /** `<package>/codegen.json`, the package being the folder above the schema's `src/`. */
  config: string;
  /** `<schema folder>/__generated__/resolvers-types.ts`. */
  output: string;
}

export function subgraphCodegenPaths(entry: SubgraphEntry): SubgraphCodegenPaths {
  const srcDir = dirname(entry.schema);
  return {
    schema: entry.schema,
    config: join(dirname(srcDir), 'codegen.json'),
    output: join(srcDir, '__generated__', 'resolvers-types.ts'),
  };
}

/**
 * Writes (in memory) a subgraph's resolver types: graphql-codegen's `typescript` and `typescript-resolvers` in
 * federation mode, parent types mapped to store rows, then `FederatedResolvers`, which makes `__resolveReference`
 * mandatory for every `@key` entity (codegen leaves it optional).
 */
export async function generateResolverTypes(root: string, entry: SubgraphEntry): Promise<GeneratedFile> {
  const paths = subgraphCodegenPaths(entry);
  const config = readSubgraphCodegenConfig(join(root, paths.config));
  const sdl = readFileSync(join(root, paths.schema), 'utf8');
  // The schema is sorted as graphql-codegen's CLI sorts it, so output order does not follow edits to the SDL's layout.
  // `assumeValidSDL`: the federation directives (@key, @link) are declared by the gateway's composition, not here.
  const schema = lexicographicSortSchema(buildASTSchema(parse(sdl), { assumeValidSDL: true }));
  const output = await codegen({
    filename: paths.output,
    schema: parse(printSchemaWithDirectives(schema)),
    schemaAst: schema,
    documents: [],
    plugins: [{ typescript: {} }, { 'typescript-resolvers': {} }],
    pluginMap: { typescript: typescriptPlugin, 'typescript-resolvers': resolversPlugin },
    config: pluginConfig(config),
  });
  const content = [
    banner('slashes', [paths.schema, paths.config]),
    output.trimEnd(),
    '',
    federatedResolvers(resolvableEntities(sdl), contextTypeName(config)),
  ].join('\n');
  return { path: toPosix(paths.output), content };
}

function pluginConfig(config: SubgraphCodegenConfig): Record<string, unknown> {
  return {
    federation: true,
    useIndexSignature: true,
    enumsAsTypes: true,
    // verbatimModuleSyntax: imports of types must say so.
    useTypeImports: true,
    ...(config.contextType === undefined ? {} : { contextType: config.contextType }),
    mappers: config.mappers,
    // Federation mode declares `_FieldSet` (the `fields` argument of `@key`), a selection set written as a string.
    scalars: { _FieldSet: 'string', ...config.scalars },
    // Unknown custom scalars fail type-checking instead of silently becoming `any`.
    strictScalars: true,
  };
}

function federatedResolvers(entities: string[], context: string): string {
  const lines = [
    '/** The `@key` entities of this subgraph that the gateway fetches by reference. */',
    `export type EntityTypename = ${entities.length === 0 ? 'never' : entities.map((name) => `'${name}'`).join(' | ')};`,
    '',
    '/**',
    ' * The resolvers map of this subgraph, with `__resolveReference` required for every `@key` entity: declare the map',
    ' * with `satisfies FederatedResolvers` so that a new entity without a reference resolver fails type-checking.',
    ' */',
    `export type FederatedResolvers<ContextType = ${context}> = Resolvers<ContextType> & {`,
    ...entities.map(
      (name) =>
        `  ${name}: ${name}Resolvers<ContextType> & { __resolveReference: NonNullable<${name}Resolvers<ContextType>['__resolveReference']> };`,
    ),
    '};',
    '',
  ];
  return lines.join('\n');
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}
