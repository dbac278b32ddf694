import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildEntityQuery } from './entityQuery.ts';

/** The entity field's nodes, fragments and variable definitions of a subscription document, as graphql-js hands them to a resolver. */
function entityFieldOf(document: string, field: string) {
  const ast = parse(document);
  const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const root = operation.selectionSet.selections[0] as FieldNode;
  const nodes = root.selectionSet!.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === field);
  const fragments = Object.fromEntries(ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return { nodes, fragments, variables: operation.variableDefinitions ?? [] };
}

describe('buildEntityQuery', () => {
  it('asks for the selection on the entity by id, with __typename in every selection set', () => {
    const { nodes, fragments, variables } = entityFieldOf(`subscription { leadEvents { id lead { name who: dealer { name } } } }`, 'lead');
    const query = buildEntityQuery('lead', nodes, fragments, variables);
    expect(query.source).toBe(
      'query SubscriptionEventEntity($entityId: ID!) {\n  lead(id: $entityId) {\n    name\n    who: dealer {\n      name\n      __typename\n    }\n    __typename\n  }\n}',
    );
    expect(query.queryHash).toMatch(/^[0-9a-f]{64}$/);
    expect([query.idVariable, query.variables, query.rootField]).toEqual(['entityId', [], 'lead']);
  });

  it('brings the fragments the selection spreads (through other fragments too) and only the variables it uses', () => {
    const document = `
      subscription($after: ID, $first: Int, $entityId: String) {
        leadEvents(after: $after) { lead { ...LeadParts } }
      }
      fragment LeadParts on Lead { name dealer { ...DealerParts } }
      fragment DealerParts on Account { name leads(first: $first) { totalCount } }
      fragment Unused on Lead { id }`;
    const { nodes, fragments, variables } = entityFieldOf(document, 'lead');
    const query = buildEntityQuery('lead', nodes, fragments, variables);
    expect(query.idVariable).toBe('entityId1');
    expect(query.variables).toEqual(['first']);
    expect(query.source).toContain('query SubscriptionEventEntity($entityId1: ID!, $first: Int) {\n  lead(id: $entityId1) {\n    ...LeadParts');
    expect(query.source).toContain('fragment LeadParts on Lead');
    expect(query.source).toContain('fragment DealerParts on Account');
    expect(query.source).not.toContain('Unused');
    expect(query.source).not.toContain('$after');
  });

  it('merges the selections of the same field selected twice', () => {
    const { nodes, fragments, variables } = entityFieldOf(`subscription { leadEvents { lead { name } lead { status } } }`, 'lead');
    expect(buildEntityQuery('lead', nodes, fragments, variables).source).toContain('lead(id: $entityId) {\n    name\n    status\n    __typename\n  }');
  });
});
