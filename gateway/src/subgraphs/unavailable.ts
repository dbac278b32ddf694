import { Kind, type DocumentNode, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';

/** The code of every error the gateway answers for a subgraph it could not get an answer from. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/**
 * The errors for one fetch that got no answer from `subgraph`: one per path the fetch would have filled, so a client
 * sees which parts of its data are missing and why, beside the data the other subgraphs gave. For an entity fetch
 * the paths are `_entities.<i>`, which the gateway turns into each entity's place in the response; for a root fetch
 * they are the root fields it asked for.
 */
export function unavailableErrors(subgraph: string, reason: string, request: { document?: DocumentNode; variables?: Record<string, unknown> }): GraphQLFormattedError[] {
  const message = `the ${subgraph} subgraph is unavailable: ${reason}`;
  const extensions = { code: SUBGRAPH_UNAVAILABLE, subgraph, reason };
  const representations = request.variables?.['representations'];
  if (Array.isArray(representations)) return representations.map((_, i) => ({ message, path: ['_entities', i], extensions }));
  const operation = request.document?.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const fields = operation?.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [(s.alias ?? s.name).value] : [])) ?? [];
  if (fields.length === 0) return [{ message, extensions }];
  return fields.map((field) => ({ message, path: [field], extensions }));
}
