/**
 * Resolves a field path (`Name`, `Account.Name`, `Account.Owner.Name`) against the schema, case-insensitively, into
 * the fields it crosses and a reader that follows the lookups of a record.
 */
import type { DescribeField, SObjectSchema } from '../metadata/types.ts';
import type { FieldValue, SObjectRecord } from '../org/types.ts';
import { errors } from './errors.ts';
import type { Clause } from './locate.ts';
import type { Scope } from './scope.ts';

/** One lookup followed: the reference field and the object it points to. */
export interface Hop {
  readonly field: DescribeField;
  /** The object named first in `referenceTo` (polymorphic lookups resolve their type per record). */
  readonly target: SObjectSchema;
}

export interface ResolvedPath {
  readonly hops: readonly Hop[];
  /** The field at the end of the path. */
  readonly field: DescribeField;
  /** The object that holds `field`. */
  readonly object: SObjectSchema;
  /** The path with the schema's spelling (`Account.Owner.Name`), for messages and duplicate detection. */
  readonly canonical: string;
  /** The field's value on a root record, null when a lookup on the way is empty. */
  readonly read: (record: SObjectRecord) => FieldValue;
}

/**
 * Resolves `path` from the scope's object. A leading alias or the object's own name is dropped (`a.Name` in
 * `FROM Account a`) unless it is also a relationship name. `clause` tells where to point the caret on error.
 */
export function resolvePath(scope: Scope, path: string, clause: Clause): ResolvedPath {
  let parts = path.split('.');
  if (parts.length > 1) {
    const first = parts[0]!.toLowerCase();
    const isRelationship = scope.object.parentRelationships.has(first);
    if (!isRelationship && (first === scope.alias?.toLowerCase() || first === scope.object.name.toLowerCase())) parts = parts.slice(1);
  }
  const hops: Hop[] = [];
  let object = scope.object;
  for (const part of parts.slice(0, -1)) {
    const field = object.parentRelationships.get(part.toLowerCase());
    const targetName = field?.referenceTo[0];
    const target = targetName === undefined ? undefined : scope.env.schema.object(targetName);
    if (!field || !target) throw errors.unknownRelationship(scope.env.soql, scope.region().path(path, clause), part);
    hops.push({ field, target });
    object = target;
  }
  const last = parts[parts.length - 1]!;
  const field = object.fieldsByName.get(last.toLowerCase());
  if (!field) throw errors.unknownField(scope.env.soql, scope.region().path(path, clause), last, object.name);
  const canonical = [...hops.map((hop) => hop.field.relationshipName ?? hop.field.name), field.name].join('.');
  return { hops, field, object, canonical, read: reader(scope, hops, field.name) };
}

function reader(scope: Scope, hops: readonly Hop[], name: string): (record: SObjectRecord) => FieldValue {
  if (hops.length === 0) return (record) => record[name] ?? null;
  const { source, read } = scope.env;
  const refs = hops.map((hop) => hop.field.name);
  return (record) => {
    let current: SObjectRecord | undefined = record;
    for (const ref of refs) {
      const id: FieldValue | undefined = current[ref];
      if (typeof id !== 'string') return null;
      current = source.get(id, read);
      if (!current) return null;
    }
    return current[name] ?? null;
  };
}
