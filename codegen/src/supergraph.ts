import type { SubgraphEntry } from '@l2c/shared';
import { CompositionError, composeSupergraph, readSubgraphSources, type CompositionMessage } from './compose.ts';
import { banner, type GeneratedFile } from './generatedFile.ts';

export const SUPERGRAPH_PATH = 'gateway/supergraph.graphql';

/** The composed supergraph the gateway loads, with composition's hints; throws `CompositionError` when it fails. */
export function generateSupergraph(root: string, entries: SubgraphEntry[]): { file: GeneratedFile; hints: CompositionMessage[] } {
  const composition = composeSupergraph(readSubgraphSources(root, entries));
  if (!composition.ok) throw new CompositionError(composition.errors);
  const content = `${banner('hash', ['subgraphs.json', ...entries.map((entry) => entry.schema)])}${composition.supergraphSdl.trimEnd()}\n`;
  return { file: { path: SUPERGRAPH_PATH, content }, hints: composition.hints };
}
