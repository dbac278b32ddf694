import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
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
  const outputs = (await generate(
    {
      cwd: root,
      schema: join(root, paths.schema),
      silent: true,
      generates: { [paths.output]: { plugins: ['typescript', 'typescript-resolvers'], config: pluginConfig(config) } },
    },
    false,
  )) as { filename: string; content: string }[];
  const output = outputs[0];
  if (outputs.length !== 1 || output === undefined) throw new Error(`codegen for ${entry.name}: expected one output, got ${outputs.length}`);
  const content = [
    banner('slashes', [paths.schema, paths.config]),
    output.content.trimEnd(),
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
