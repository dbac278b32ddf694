import { createHash } from 'node:crypto';
import {
  Kind,
  OperationTypeNode,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';

/** The query that fetches a subscriber's selection on an event's entity through the supergraph. */
export interface EntityQuery {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The printed document, and its SHA-256: the gateway caches query plans by it. */
  source: string;
  queryHash: string;
  operationName: string;
  /** The variable that carries the entity's id. */
  idVariable: string;
  /** The subscription's own variables the selection uses, passed along with their values. */
  variables: string[];
  /** The root field, also the key of the entity in the result's `data`. */
  rootField: string;
}

export const ENTITY_OPERATION_NAME = 'SubscriptionEventEntity';

/**
 * Turns the selection a subscriber made on an event's entity field into a query for that entity by id, e.g.
 * `lead { name dealer { name } }` on a `LeadEvent` into
 * `query SubscriptionEventEntity($entityId: ID!) { lead(id: $entityId) { name dealer { name __typename } __typename } }`.
 * The fragments and variables the selection uses come along. `__typename` is added to every selection set so that
 * graphql-js can tell the concrete type of an interface or union in the result.
 */
export function buildEntityQuery(
  rootField: string,
  fieldNodes: readonly FieldNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variableDefinitions: readonly VariableDefinitionNode[] = [],
): EntityQuery {
  const selections = fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  const usedFragments = collectFragments(selections, fragments);
  const usedVariables = new Set<string>();
  for (const node of [...selections, ...usedFragments]) {
    visit(node, { Variable: (variable) => void usedVariables.add(variable.name.value) });
  }
  const taken = new Set(variableDefinitions.map((definition) => definition.variable.name.value));
  let idVariable = 'entityId';
  for (let n = 1; taken.has(idVariable); n++) idVariable = `entityId${n}`;

  const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    name: name(ENTITY_OPERATION_NAME),
    variableDefinitions: [
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: name(idVariable) },
        type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } },
      },
      ...variableDefinitions.filter((definition) => usedVariables.has(definition.variable.name.value)),
    ],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        {
          kind: Kind.FIELD,
          name: name(rootField),
          arguments: [{ kind: Kind.ARGUMENT, name: name('id'), value: { kind: Kind.VARIABLE, name: name(idVariable) } }],
          selectionSet: withTypenames({ kind: Kind.SELECTION_SET, selections }),
        },
      ],
    },
  };
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...usedFragments.map(withTypenames)] };
  const source = print(document);
  return {
    document,
    operation,
    source,
    queryHash: createHash('sha256').update(source).digest('hex'),
    operationName: ENTITY_OPERATION_NAME,
    idVariable,
    variables: [...usedVariables],
    rootField,
  };
}

/** The fragments `selections` spread, directly or through other fragments, each once. */
function collectFragments(selections: readonly SelectionNode[], fragments: Readonly<Record<string, FragmentDefinitionNode>>): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const walk = (nodes: readonly SelectionNode[]) => {
    for (const node of nodes) {
      visit(node, {
        FragmentSpread: (spread) => {
          const fragment = fragments[spread.name.value];
          if (!fragment || found.has(fragment.name.value)) return;
          found.set(fragment.name.value, fragment);
          walk(fragment.selectionSet.selections);
        },
      });
    }
  };
  walk(selections);
  return [...found.values()];
}

function withTypenames<T extends SelectionSetNode | FragmentDefinitionNode>(node: T): T {
  return visit(node, {
    SelectionSet: {
      leave: (set: SelectionSetNode) => {
        const hasTypename = set.selections.some((s) => s.kind === Kind.FIELD && !s.alias && s.name.value === '__typename');
        if (hasTypename) return undefined;
        return { ...set, selections: [...set.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };
      },
    },
  });
}
