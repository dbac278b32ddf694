import { readFileSync } from 'node:fs';

/**
 * A subgraph's `codegen.json`: how its resolver types are written. Paths in `contextType` and `mappers` are relative
 * to the generated file's folder (`src/__generated__/`) and are copied verbatim into its imports, so they carry `.ts`.
 */
export interface SubgraphCodegenConfig {
  /** The resolvers' context, `path#TypeName`. Default: `any` (codegen's own default). */
  contextType?: string;
  /** GraphQL type name → `path#TypeName` of the value resolvers return for it (a store row). Default: none. */
  mappers: Record<string, string>;
  /** Custom scalar name → TypeScript type. Default: none (codegen types them `any`). */
  scalars: Record<string, string>;
}

/** Reads and checks a subgraph's `codegen.json`; a malformed file fails with its path and the offending key. */
export function readSubgraphCodegenConfig(path: string): SubgraphCodegenConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read codegen settings: ${(error as Error).message}`);
  }
  if (!isRecord(raw)) throw new Error(`${path}: expected a JSON object`);
  const { contextType, mappers = {}, scalars = {} } = raw;
  if (contextType !== undefined && typeof contextType !== 'string') {
    throw new Error(`${path}: "contextType" must be a string like "../context.ts#Context", got ${JSON.stringify(contextType)}`);
  }
  return {
    ...(contextType === undefined ? {} : { contextType }),
    mappers: stringRecord(path, 'mappers', mappers),
    scalars: stringRecord(path, 'scalars', scalars),
  };
}

/** The TypeScript name of the context type, as the generated file refers to it (`../context.ts#Context` → `Context`). */
export function contextTypeName(config: SubgraphCodegenConfig): string {
  if (config.contextType === undefined) return 'any';
  const hash = config.contextType.lastIndexOf('#');
  return hash === -1 ? config.contextType : config.contextType.slice(hash + 1);
}

function stringRecord(path: string, key: string, value: unknown): Record<string, string> {
  if (!isRecord(value)) throw new Error(`${path}: "${key}" must be an object of strings`);
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw new Error(`${path}: "${key}.${name}" must be a string, got ${JSON.stringify(entry)}`);
  }
  return value as Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
