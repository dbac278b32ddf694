import { repoRoot, subgraphList, type SubgraphEntry } from '@l2c/shared';
import type { CompositionMessage } from './compose.ts';
import { generateConsoleOperations } from './consoleOperations.ts';
import { renderDockerCompose } from './dockerCompose.ts';
import type { GeneratedFile } from './generatedFile.ts';
import { generateResolverTypes } from './resolverTypes.ts';
import { generateSupergraph } from './supergraph.ts';
import { generateTrustedDocuments } from './trustedDocuments.ts';

export interface GenerateOptions {
  /** Folder the list's paths are relative to. Default: the repository root. */
  root?: string;
  /** The subgraphs. Default: `subgraphs.json` (`subgraphList()`). */
  list?: { gateway: { port: number }; subgraphs: SubgraphEntry[] };
}

/**
 * Everything `npm run codegen` writes, computed in memory from the subgraph list and the files it names: each
 * subgraph's resolver types, the supergraph, the admin console's typed operations, `docker-compose.yml`.
 * Deterministic: same inputs, same bytes.
 * Throws `CompositionError` when the subgraphs do not compose.
 */
export async function generateAll(options: GenerateOptions = {}): Promise<{ files: GeneratedFile[]; hints: CompositionMessage[] }> {
  const root = options.root ?? repoRoot;
  const list = options.list ?? subgraphList();
  const resolverTypes: GeneratedFile[] = [];
  // One subgraph after the other, so that output and error order never vary.
  for (const entry of list.subgraphs) resolverTypes.push(await generateResolverTypes(root, entry));
  const supergraph = generateSupergraph(root, list.subgraphs);
  const trustedDocuments = generateTrustedDocuments(root, supergraph.file.content);
  const consoleOperations = await generateConsoleOperations(root, supergraph.file.content);
  return { files: [...resolverTypes, supergraph.file, trustedDocuments, consoleOperations, renderDockerCompose(list)], hints: supergraph.hints };
}
