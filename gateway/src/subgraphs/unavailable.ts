import { Kind, type DocumentNode, type FieldNode, type GraphQLFormattedError, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** The code of every error the gateway answers for a subgraph it could not get an answer from. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/**
 * The errors for one fetch that got no answer from `subgraph`: one per path the fetch would have filled, so a client
 * sees which parts of its data are missing and why, beside the data the other subgraphs gave. For an entity fetch
 * the paths are `_entities.<i>.<field>`, which the gateway turns into each entity's field in the response; for a root
 * fetch they are the root fields it asked for.
 */
export function unavailableErrors(subgraph: string, reason: string, request: { document: DocumentNode; variables?: Record<string, unknown> }): GraphQLFormattedError[] {
  const message = `the ${subgraph} subgraph is unavailable: ${reason}`;
  const extensions = { code: SUBGRAPH_UNAVAILABLE, subgraph, reason };
  const operation = request.document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const roots = operation ? fieldsOf(operation.selectionSet) : [];
  const representations = request.variables?.['representations'];
  const entities = roots.find((field) => field.name.value === '_entities');
  if (Array.isArray(representations) && entities?.selectionSet) {
    const selections = entities.selectionSet.selections;
    return representations.flatMap((representation: { __typename?: string }, i) => {
      const keys = selections.flatMap((s) => (s.kind === Kind.INLINE_FRAGMENT && s.typeCondition?.name.value !== representation.__typename ? [] : s.kind === Kind.INLINE_FRAGMENT ? fieldsOf(s.selectionSet) : s.kind === Kind.FIELD ? [s] : []));
      const names = [...new Set(keys.map(responseKey).filter((key) => key !== '__typename'))];
      return names.length ? names.map((key) => ({ message, path: ['_entities', i, key], extensions })) : [{ message, path: ['_entities', i], extensions }];
    });
  }
  if (roots.length === 0) return [{ message, extensions }];
  return roots.map((field) => ({ message, path: [responseKey(field)], extensions }));
}

function fieldsOf(set: SelectionSetNode): FieldNode[] {
  return set.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection] : selection.kind === Kind.INLINE_FRAGMENT ? fieldsOf(selection.selectionSet) : []));
}

function responseKey(field: FieldNode): string {
  return (field.alias ?? field.name).value;
}
