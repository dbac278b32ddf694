import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';

const FEDERATION_SPEC = 'https://specs.apollo.dev/federation/';

/**
 * The object types of a subgraph SDL that the gateway resolves by reference: those with a resolvable `@key`
 * (a key with `resolvable: false` only lets the subgraph mention the entity, so it needs no `__resolveReference`).
 * Honours the name the `@link` import gives `@key` (`{ name: "@key", as: "@id" }`, or `@federation__key` when not imported).
 * Sorted by name, so generated output does not depend on declaration order.
 */
export function resolvableEntities(sdl: string): string[] {
  const document = parse(sdl);
  const keyName = keyDirectiveName(document);
  const entities = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const keys = (definition.directives ?? []).filter((directive) => directive.name.value === keyName);
    if (keys.some(isResolvable)) entities.add(definition.name.value);
  }
  return [...entities].sort();
}

function keyDirectiveName(document: DocumentNode): string {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      const url = argument(link, 'url');
      if (link.name.value !== 'link' || url?.kind !== Kind.STRING || !url.value.startsWith(FEDERATION_SPEC)) continue;
      const imports = argument(link, 'import');
      for (const entry of imports?.kind === Kind.LIST ? imports.values : []) {
        if (entry.kind === Kind.STRING && entry.value === '@key') return 'key';
        if (entry.kind !== Kind.OBJECT) continue;
        const name = entry.fields.find((field) => field.name.value === 'name')?.value;
        const as = entry.fields.find((field) => field.name.value === 'as')?.value;
        if (name?.kind === Kind.STRING && name.value === '@key') return as?.kind === Kind.STRING ? as.value.replace(/^@/, '') : 'key';
      }
      return 'federation__key';
    }
  }
  // Federation 1 SDL (no @link): @key is unprefixed.
  return 'key';
}

function isResolvable(key: ConstDirectiveNode): boolean {
  const resolvable = argument(key, 'resolvable');
  return !(resolvable?.kind === Kind.BOOLEAN && !resolvable.value);
}

function argument(directive: ConstDirectiveNode, name: string) {
  return directive.arguments?.find((arg) => arg.name.value === name)?.value;
}
