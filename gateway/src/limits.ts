import {
  GraphQLError,
  Kind,
  type ASTNode,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import type { HTTPGraphQLRequest } from '@apollo/server';

/** How much work one operation may ask of the graph. */
export interface QueryLimits {
  /** Deepest field nesting, counted through fragments; introspection (`__schema`, `__type`) counts as one level. Default 12. */
  maxDepth: number;
  /** Largest document, in UTF-8 bytes, checked before parsing. Default 20000. */
  maxBytes: number;
  /** Most aliases in an operation, counting a fragment once per place it is spread. Default 30. */
  maxAliases: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxBytes: 20_000, maxAliases: 30 };

export type QueryLimitCode = 'QUERY_TOO_COMPLEX' | 'QUERY_TOO_LARGE';

/**
 * A limit was exceeded. Apollo re-codes validation errors as `GRAPHQL_VALIDATION_FAILED`; the gateway's
 * `formatError` recognises this class and restores `code`, `limit` and `actual` for the client.
 */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly code: QueryLimitCode,
    readonly limit: number,
    readonly actual: number,
    message: string,
    nodes?: readonly ASTNode[],
  ) {
    super(message, { nodes, extensions: { code, limit, actual } });
    this.name = 'QueryLimitError';
  }
}

/** Validation rules for depth and alias count; they run with graphql-js's own rules, once per distinct document. */
export function queryLimitRules(limits: Pick<QueryLimits, 'maxDepth' | 'maxAliases'>): ValidationRule[] {
  return [
    (context) => ({
      OperationDefinition(operation) {
        const measure = new Measure(fragmentsOf(context.getDocument().definitions));
        const depth = measure.depth(operation.selectionSet);
        if (depth > limits.maxDepth) {
          context.reportError(
            new QueryLimitError('QUERY_TOO_COMPLEX', limits.maxDepth, depth, `${describe(operation)} is ${depth} levels deep; the limit is ${limits.maxDepth}`, [operation]),
          );
        }
        const aliases = measure.aliases(operation.selectionSet);
        if (aliases > limits.maxAliases) {
          context.reportError(
            new QueryLimitError('QUERY_TOO_COMPLEX', limits.maxAliases, aliases, `${describe(operation)} uses ${aliases} aliases; the limit is ${limits.maxAliases}`, [operation]),
          );
        }
        return false;
      },
    }),
  ];
}

/**
 * Refuses a document over `maxBytes` before anything parses it. Introspection documents are measured like any other:
 * size is what parsing costs, whatever the document asks for.
 */
export function checkDocumentSize(query: string, maxBytes: number): QueryLimitError | null {
  const bytes = Buffer.byteLength(query, 'utf8');
  if (bytes <= maxBytes) return null;
  return new QueryLimitError('QUERY_TOO_LARGE', maxBytes, bytes, `the GraphQL document is ${bytes} bytes; the limit is ${maxBytes} bytes`);
}

/**
 * The size check for an HTTP request, before Apollo sees it: a plugin cannot refuse a request before parsing
 * (Apollo turns an error thrown from `didResolveSource` into a 500), so the HTTP layer asks this first. It reads the
 * `query` of a JSON body, of each entry of a batch, and of a GET's query string. Persisted-query hashes need no
 * check: only documents that passed it on registration are in the cache.
 */
export function checkRequestSize(request: Pick<HTTPGraphQLRequest, 'body' | 'search'>, maxBytes: number): QueryLimitError | null {
  const fromBody = Array.isArray(request.body) ? request.body : [request.body];
  const queries = [...fromBody.map(queryOf), new URLSearchParams(request.search).get('query')];
  for (const query of queries) {
    const error = typeof query === 'string' ? checkDocumentSize(query, maxBytes) : null;
    if (error) return error;
  }
  return null;
}

function queryOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'query' in body ? body.query : undefined;
}

/** Fields whose subtree is the schema's own description, not data; their depth is bounded by the schema. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** Depth and alias counts of selection sets, memoised per fragment so a fragment spread many times is walked once. */
class Measure {
  private readonly depths = new Map<string, number>();
  private readonly aliasCounts = new Map<string, number>();
  /** Fragments being measured; a spread back into one of them is a cycle, which graphql-js reports on its own. */
  private readonly open = new Set<string>();

  constructor(private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>) {}

  depth(set: SelectionSetNode): number {
    let deepest = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet && !INTROSPECTION_ROOTS.has(selection.name.value) ? this.depth(selection.selectionSet) : 0;
        deepest = Math.max(deepest, 1 + below);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, this.depth(selection.selectionSet));
      } else {
        deepest = Math.max(deepest, this.throughFragment(selection.name.value, this.depths, (fragment) => this.depth(fragment)));
      }
    }
    return deepest;
  }

  aliases(set: SelectionSetNode): number {
    let count = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        count += (selection.alias ? 1 : 0) + (selection.selectionSet ? this.aliases(selection.selectionSet) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += this.aliases(selection.selectionSet);
      } else {
        count += this.throughFragment(selection.name.value, this.aliasCounts, (fragment) => this.aliases(fragment));
      }
    }
    return count;
  }

  private throughFragment(name: string, memo: Map<string, number>, measure: (set: SelectionSetNode) => number): number {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.open.has(name)) return 0;
    this.open.add(name);
    const value = measure(fragment.selectionSet);
    this.open.delete(name);
    memo.set(name, value);
    return value;
  }
}

function fragmentsOf(definitions: readonly DefinitionNode[]): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

function describe(operation: OperationDefinitionNode): string {
  return operation.name ? `operation ${operation.name.value}` : `the ${operation.operation}`;
}
