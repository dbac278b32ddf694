import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import type { SubgraphEntry } from '@l2c/shared';
import { parse, type GraphQLError } from 'graphql';

/** One subgraph as composition sees it: its name, the URL the gateway calls, its SDL. */
export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** A composition error or hint, with federation's code (e.g. `INVALID_FIELD_SHARING`). */
export interface CompositionMessage {
  code: string;
  message: string;
}

export type Composition =
  | { ok: true; supergraphSdl: string; hints: CompositionMessage[] }
  | { ok: false; errors: CompositionMessage[] };

/** Raised when the subgraphs do not compose; its message lists every error with its code. */
export class CompositionError extends Error {
  override readonly name = 'CompositionError';
  constructor(readonly errors: CompositionMessage[]) {
    super(formatCompositionErrors(errors));
  }
}

/** The URL the gateway calls a subgraph on: every process of the stack runs on one host (or in one container). */
export function subgraphUrl(entry: SubgraphEntry): string {
  return `http://127.0.0.1:${entry.port}/graphql`;
}

/** Reads the SDL of every subgraph in the list, from the repository root. */
export function readSubgraphSources(root: string, entries: SubgraphEntry[]): SubgraphSource[] {
  return entries.map((entry) => ({ name: entry.name, url: subgraphUrl(entry), sdl: readFileSync(join(root, entry.schema), 'utf8') }));
}

/**
 * Composes the subgraphs into a supergraph with `@apollo/composition`, as the gateway will load it (static composition:
 * the gateway never introspects). A subgraph whose SDL does not parse is reported like a composition error.
 */
export function composeSupergraph(sources: SubgraphSource[]): Composition {
  const services = [];
  const errors: CompositionMessage[] = [];
  for (const source of sources) {
    try {
      services.push({ name: source.name, url: source.url, typeDefs: parse(source.sdl) });
    } catch (error) {
      errors.push({ code: 'INVALID_GRAPHQL', message: `[${source.name}] ${(error as Error).message}` });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map(messageOf) };
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((hint) => ({ code: hint.definition.code, message: hint.message })),
  };
}

/** One line per error, `CODE: message`, under a heading that says how many there are. */
export function formatCompositionErrors(errors: CompositionMessage[]): string {
  const heading = `Composition failed with ${errors.length} error${errors.length === 1 ? '' : 's'}:`;
  return [heading, ...errors.map((error) => `  ${error.code}: ${error.message}`)].join('\n');
}

function messageOf(error: GraphQLError): CompositionMessage {
  const code = error.extensions['code'];
  return { code: typeof code === 'string' ? code : 'UNKNOWN', message: error.message };
}
