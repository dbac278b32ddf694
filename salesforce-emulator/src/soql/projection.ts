/**
 * The SELECT list of a record query turned into a shaper: a function from a stored record to the JSON Salesforce
 * returns for it. Fields keep the schema's spelling whatever the query's; parent fields nest under the relationship
 * name with their own `attributes` (or null when the lookup is empty); child subqueries become
 * `{ totalSize, done, records }` or null when there are no children; keys come in the order the query first names
 * them.
 */
import type { SObjectSchema } from '../metadata/types.ts';
import type { SObjectRecord } from '../org/types.ts';
import { errors } from './errors.ts';
import type { Hop, ResolvedPath } from './fieldPath.ts';
import type { Env } from './scope.ts';

/** A record as the REST API returns it. */
export type QueryRecord = { attributes: { type: string; url?: string } } & Record<string, unknown>;

/** A child subquery's value on its parent. */
export interface ChildResult {
  totalSize: number;
  done: boolean;
  records: QueryRecord[];
}

type Entry =
  | { kind: 'field'; key: string; name: string }
  | { kind: 'parent'; key: string; ref: string; target: SObjectSchema; polymorphic: boolean; node: ShapeNode }
  | { kind: 'children'; key: string; run: (parentId: string) => ChildResult | null };

interface ShapeNode {
  entries: Entry[];
}

/** Collects the SELECT list, then builds the shaper. */
export class Projection {
  private readonly root: ShapeNode = { entries: [] };
  private readonly seen = new Set<string>();

  constructor(
    private readonly env: Env,
    private readonly object: SObjectSchema,
  ) {}

  /** Adds a field path; `written` (as the query spells it) and `at` are for the duplicate error. */
  addField(path: ResolvedPath, written: string, at: () => number | undefined): void {
    const key = path.canonical.toLowerCase();
    if (this.seen.has(key)) throw errors.duplicateField(this.env.soql, at(), written);
    this.seen.add(key);
    let node = this.root;
    for (const hop of path.hops) node = this.parentNode(node, hop);
    node.entries.push({ kind: 'field', key: path.field.name, name: path.field.name });
  }

  /** Adds a child subquery under its relationship name. */
  addChildren(relationshipName: string, run: (parentId: string) => ChildResult | null): void {
    this.root.entries.push({ kind: 'children', key: relationshipName, run });
  }

  /** The shaper for root records. */
  shaper(): (record: SObjectRecord) => QueryRecord {
    const shapeNode = this.compileNode(this.root);
    const type = this.object.name;
    return (record) => shapeNode(record, type);
  }

  private parentNode(node: ShapeNode, hop: Hop): ShapeNode {
    const key = hop.field.relationshipName ?? hop.field.name;
    const existing = node.entries.find((entry) => entry.kind === 'parent' && entry.key === key);
    if (existing?.kind === 'parent') return existing.node;
    const child: ShapeNode = { entries: [] };
    node.entries.push({ kind: 'parent', key, ref: hop.field.name, target: hop.target, polymorphic: hop.field.referenceTo.length > 1, node: child });
    return child;
  }

  private compileNode(node: ShapeNode): (record: SObjectRecord, type: string) => QueryRecord {
    const { urlPrefix, source, read, schema } = this.env;
    const steps = node.entries.map((entry): ((out: QueryRecord, record: SObjectRecord) => void) => {
      switch (entry.kind) {
        case 'field': {
          const { key, name } = entry;
          return (out, record) => {
            out[key] = record[name] ?? null;
          };
        }
        case 'parent': {
          const { key, ref, target, polymorphic } = entry;
          const shapeParent = this.compileNode(entry.node);
          return (out, record) => {
            const id = record[ref];
            const parent = typeof id === 'string' ? source.get(id, read) : undefined;
            if (!parent) {
              out[key] = null;
              return;
            }
            const type = polymorphic ? (schema.objectByKeyPrefix((id as string).slice(0, 3))?.name ?? target.name) : target.name;
            out[key] = shapeParent(parent, type);
          };
        }
        case 'children': {
          const { key, run } = entry;
          return (out, record) => {
            out[key] = run(record['Id'] as string);
          };
        }
      }
    });
    return (record, type) => {
      const out: QueryRecord = { attributes: { type, url: `${urlPrefix}${type}/${record['Id'] as string}` } };
      for (const step of steps) step(out, record);
      return out;
    };
  }
}
