import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type FieldNode, type GraphQLFormattedError, type SelectionNode, type VariableDefinitionNode } from 'graphql';

/**
 * Merging the fetches a query plan sends to one subgraph at the same moment (its parallel branches) into one call: each
 * fetch's root fields are aliased `_<n>_<field>`, its variables and fragments renamed `_<n>_<name>`, and the answer is
 * split back by those prefixes. The subgraph resolves the aliased fields exactly as it would have resolved the fetches
 * one by one; the gateway makes one round trip instead of several.
 */

/** One subgraph fetch as the planner built it. */
export interface FetchRequest {
  query: string;
  variables?: Record<string, unknown>;
}

/** A subgraph answer, as JSON. */
export interface FetchAnswer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

/** Most fetches merged into one call; more are sent as further calls. */
export const MAX_BATCH = 16;

/** Distinct fetch documents (and merged documents) remembered; a query plan has a handful, and plans are cached too. */
const CACHE_SIZE = 2000;

const prefixOf = (index: number) => `_${index}_`;
const PREFIXED = /^_(\d+)_(.*)$/s;

/** Parsed fetch documents by text: `null` for a document that cannot be merged (not one query, or directives on it). */
const parsed = new Map<string, DocumentNode | null>();
/** Merged query texts by the texts merged, in order. */
const merged = new Map<string, string | null>();

/**
 * The one request that asks for everything `requests` ask for, or `null` when one of them cannot be merged (a mutation
 * or subscription, directives on the operation, anything but fields at its root). Merged texts are cached per set of
 * texts, so a plan's parallel fetches are printed once.
 */
export function mergeFetches(requests: readonly FetchRequest[]): FetchRequest | null {
  const key = requests.map((request) => request.query).join('\u0000');
  let query = merged.get(key);
  if (query === undefined) {
    query = mergeDocuments(requests.map((request) => request.query));
    remember(merged, key, query);
  }
  if (query === null) return null;
  const variables: Record<string, unknown> = {};
  requests.forEach((request, index) => {
    for (const [name, value] of Object.entries(request.variables ?? {})) variables[`${prefixOf(index)}${name}`] = value;
  });
  return { query, variables };
}

/**
 * Splits the answer to a merged request into the answers to each of `count` fetches: each fetch gets its own root
 * fields back under their own names, and the errors whose path starts in them; errors without a path (the whole call
 * failed) go to every fetch.
 */
export function splitAnswer(answer: FetchAnswer, count: number): FetchAnswer[] {
  const parts: FetchAnswer[] = Array.from({ length: count }, () => ({}));
  if (answer.data === null) for (const part of parts) part.data = null;
  else if (answer.data) {
    for (const part of parts) part.data = {};
    for (const [key, value] of Object.entries(answer.data)) {
      const match = PREFIXED.exec(key);
      const part = match && parts[Number(match[1])];
      if (part) part.data![match[2]!] = value;
    }
  }
  for (const error of answer.errors ?? []) {
    const head = error.path?.[0];
    const match = typeof head === 'string' ? PREFIXED.exec(head) : null;
    const part = match && parts[Number(match[1])];
    const owners = part ? [part] : parts;
    const own = part ? { ...error, path: [match[2]!, ...error.path!.slice(1)] } : error;
    for (const owner of owners) (owner.errors ??= []).push(own);
  }
  if (answer.extensions) for (const part of parts) part.extensions = answer.extensions;
  return parts;
}

function mergeDocuments(queries: readonly string[]): string | null {
  const variableDefinitions: VariableDefinitionNode[] = [];
  const selections: SelectionNode[] = [];
  const fragments: DefinitionNode[] = [];
  for (const [index, query] of queries.entries()) {
    const document = mergeable(query);
    if (!document) return null;
    const prefix = prefixOf(index);
    const renamed = visit(document, {
      Variable: (node) => ({ ...node, name: { ...node.name, value: `${prefix}${node.name.value}` } }),
      FragmentSpread: (node) => ({ ...node, name: { ...node.name, value: `${prefix}${node.name.value}` } }),
      FragmentDefinition: (node) => ({ ...node, name: { ...node.name, value: `${prefix}${node.name.value}` } }),
    });
    for (const definition of renamed.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) {
        fragments.push(definition);
        continue;
      }
      variableDefinitions.push(...(definition.variableDefinitions ?? []));
      for (const selection of definition.selectionSet.selections) {
        const field = selection as FieldNode;
        selections.push({ ...field, alias: { kind: Kind.NAME, value: `${prefix}${field.alias?.value ?? field.name.value}` } });
      }
    }
  }
  return print({
    kind: Kind.DOCUMENT,
    definitions: [{ kind: Kind.OPERATION_DEFINITION, operation: 'query' as never, variableDefinitions, selectionSet: { kind: Kind.SELECTION_SET, selections } }, ...fragments],
  });
}

function mergeable(query: string): DocumentNode | null {
  let document = parsed.get(query);
  if (document === undefined) {
    document = null;
    try {
      const candidate = parse(query, { noLocation: true });
      const operations = candidate.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
      const [operation] = operations;
      const others = candidate.definitions.filter((definition) => definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION);
      if (
        operations.length === 1 &&
        others.length === 0 &&
        operation!.operation === 'query' &&
        !operation!.directives?.length &&
        operation!.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD)
      ) {
        document = candidate;
      }
    } catch {
      // A document the subgraph would refuse is sent alone, so its own error comes back to it.
    }
    remember(parsed, query, document);
  }
  return document;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}
