/**
 * Checks mappings against the org's `describe` and the local tables, and turns them into what the engine runs:
 * each field with its Salesforce type, converter and direction, the query's field list, and the order objects sync
 * in (parents before children). Every problem is collected and reported at once, naming the object and the field.
 */
import type { Queryable } from '../store/store.ts';
import type { FieldDescribe, SObjectDescribe } from '../salesforce/types.ts';
import { defaultConverter, type FieldConverter } from './convert.ts';
import { flowsIn, flowsOut, MappingError, type FieldMapping, type SyncMapping } from './mapping.ts';

export interface CompiledField {
  sf: string;
  column: string;
  sfType: string;
  convert: FieldConverter;
  /** The parent mapping's name for lookups resolved through links. */
  reference?: string;
  /** A lookup to a record another subgraph mirrors, resolved by the parent's external ID through the relationship. */
  externalReference?: { sObject: string; relationship: string; externalId: string };
  inbound: boolean;
  outbound: boolean;
  /** Whether a push may set it on create / on update (describe's `createable` / `updateable`). */
  createable: boolean;
  updateable: boolean;
  inboundDefault?: unknown;
}

export interface CompiledMapping {
  readonly mapping: SyncMapping;
  readonly name: string;
  readonly sObject: string;
  readonly table: string;
  readonly key: string;
  readonly externalId: string;
  readonly inbound: boolean;
  readonly outbound: boolean;
  readonly fields: CompiledField[];
  /** Salesforce names of every mapped field: the keys of a link's agreed values. */
  readonly valueFields: string[];
  /** What inbound queries select. */
  readonly selectFields: string[];
  /** Describe type of every selected field, for canonical values. */
  readonly types: ReadonlyMap<string, string>;
  /** Names of the mappings this one references (its parents), itself excluded. */
  readonly parents: string[];
  /** 0 for mappings without parents; one more than the deepest parent otherwise. */
  readonly level: number;
  /** The local table's column types (Postgres `udt_name`: text, int4, numeric, date, timestamptz, …). */
  readonly columnTypes: ReadonlyMap<string, string>;
}

/** Describes an object; rejects when the org does not have it. */
export type Describer = (sObject: string) => Promise<SObjectDescribe>;

const SYSTEM_FIELDS = ['Id', 'SystemModstamp', 'LastModifiedDate', 'IsDeleted'];

/** Compiles mappings against the org and the store; throws `MappingError` listing every problem. */
export async function compileMappings(mappings: readonly SyncMapping[], describe: Describer, db?: Queryable): Promise<CompiledMapping[]> {
  const problems: string[] = [];
  const byName = new Map<string, SyncMapping>();
  for (const mapping of mappings) {
    if (byName.has(mapping.name)) problems.push(`mapping ${mapping.name}: declared twice`);
    byName.set(mapping.name, mapping);
  }
  const describes = new Map<string, SObjectDescribe>();
  await Promise.all(
    [...new Set([...mappings.map((m) => m.sObject), ...mappings.flatMap((m) => m.fields.flatMap((f) => (f.externalReference ? [f.externalReference] : [])))])].map(async (sObject) => {
      try {
        describes.set(sObject, await describe(sObject));
      } catch (error) {
        problems.push(`object ${sObject}: not in the org's describe (${(error as Error).message})`);
      }
    }),
  );
  const columns = db ? await tableColumns(db, [...new Set(mappings.map((m) => m.table))]) : null;

  const compiled: Omit<CompiledMapping, 'level'>[] = [];
  for (const mapping of mappings) {
    const described = describes.get(mapping.sObject);
    if (!described) continue;
    const fieldsByName = new Map(described.fields.map((f) => [f.name.toLowerCase(), f]));
    const where = `mapping ${mapping.name} (${mapping.sObject} ↔ ${mapping.table})`;
    const key = mapping.key ?? 'id';
    const localColumns = columns?.get(mapping.table);
    const columnTypes = new Map(localColumns ?? []);
    if (columns && !localColumns) problems.push(`${where}: table ${mapping.table} does not exist in the store`);
    for (const column of [key, ...(mapping.touchColumn ? [mapping.touchColumn] : [])]) {
      if (localColumns && !localColumns.has(column)) problems.push(`${where}: column ${mapping.table}.${column} does not exist`);
    }

    const ext = fieldsByName.get(mapping.externalId.toLowerCase());
    if (!ext) problems.push(`${where}: external ID field ${mapping.sObject}.${mapping.externalId} does not exist in the org's describe`);
    else if (!ext.externalId && !ext.idLookup) problems.push(`${where}: ${mapping.sObject}.${mapping.externalId} is not an external ID field`);

    const fields: CompiledField[] = [];
    for (const field of mapping.fields) {
      const described = fieldsByName.get(field.sf.toLowerCase());
      const name = `${mapping.sObject}.${field.sf}`;
      if (!described) {
        problems.push(`${where}: field ${name} does not exist in the org's describe`);
        continue;
      }
      if (localColumns && !localColumns.has(field.column)) problems.push(`${where}: column ${mapping.table}.${field.column} (for ${name}) does not exist`);
      const compiledField = compileField(mapping, field, described, byName, describes, problems, where);
      if (compiledField) fields.push(compiledField);
    }
    for (const name of Object.keys(mapping.constants ?? {})) {
      const target = fieldsByName.get(name.toLowerCase());
      if (!target) problems.push(`${where}: constant for field ${mapping.sObject}.${name}, which does not exist in the org's describe`);
      else if (!target.createable) problems.push(`${where}: constant for field ${mapping.sObject}.${name}, which Salesforce does not let a create set`);
    }
    const inbound = flowsIn(mapping.direction);
    const outbound = flowsOut(mapping.direction);
    const valueFields = fields.map((f) => f.sf);
    const selectFields = [
      ...new Set([
        ...SYSTEM_FIELDS.filter((f) => f !== 'IsDeleted' && fieldsByName.has(f.toLowerCase())),
        described.fields.find((f) => f.name.toLowerCase() === mapping.externalId.toLowerCase())?.name ?? mapping.externalId,
        ...fields.map((f) => f.sf),
        ...fields.flatMap((f) => (f.externalReference ? [`${f.externalReference.relationship}.${f.externalReference.externalId}`] : [])),
      ]),
    ];
    const types = new Map<string, string>([['Id', 'id'], ['SystemModstamp', 'datetime'], ['LastModifiedDate', 'datetime'], ['IsDeleted', 'boolean']]);
    for (const f of described.fields) if (selectFields.includes(f.name)) types.set(f.name, f.type);
    const parents = [...new Set(fields.flatMap((f) => (f.reference && f.reference !== mapping.name ? [f.reference] : [])))];
    for (const column of Object.keys(mapping.insertDefaults ?? {})) if (localColumns && !localColumns.has(column)) problems.push(`${where}: insert default for column ${mapping.table}.${column}, which does not exist`);
    compiled.push({ mapping, name: mapping.name, sObject: mapping.sObject, table: mapping.table, key, externalId: ext?.name ?? mapping.externalId, inbound, outbound, fields, valueFields, selectFields, types, parents, columnTypes });
  }

  const levels = levelsOf(compiled, problems);
  if (problems.length) throw new MappingError(problems);
  return compiled.map((c) => ({ ...c, level: levels.get(c.name) ?? 0 })).sort((a, b) => a.level - b.level || a.name.localeCompare(b.name));
}

function compileField(mapping: SyncMapping, field: FieldMapping, described: FieldDescribe, byName: Map<string, SyncMapping>, describes: Map<string, SObjectDescribe>, problems: string[], where: string): CompiledField | null {
  const name = `${mapping.sObject}.${field.sf}`;
  const direction = field.direction ?? mapping.direction;
  if (mapping.direction !== 'both' && direction !== mapping.direction) {
    problems.push(`${where}: field ${name} flows ${direction} but the mapping flows ${mapping.direction} only`);
    return null;
  }
  const convert = field.convert ?? defaultConverter(described.type);
  if (!convert.sfTypes.includes(described.type)) {
    problems.push(`${where}: field ${name} is of type ${described.type}, which its converter does not handle (it takes ${convert.sfTypes.join(', ')})`);
  }
  const outbound = flowsOut(direction);
  if (outbound && !described.createable && !described.updateable) {
    problems.push(`${where}: field ${name} is read-only in Salesforce (neither createable nor updateable); map it inbound only`);
  }
  if (field.reference !== undefined) {
    const parent = byName.get(field.reference);
    if (!parent) problems.push(`${where}: field ${name} references mapping ${field.reference}, which is not declared`);
    else if (described.type !== 'reference' || !(described.referenceTo ?? []).includes(parent.sObject)) {
      problems.push(`${where}: field ${name} does not reference ${parent.sObject} in the org's describe (references ${(described.referenceTo ?? []).join(', ') || 'nothing'})`);
    }
  }
  const externalReference = field.externalReference !== undefined ? compileExternalReference(mapping, field, described, byName, describes, problems, where) : undefined;
  return {
    sf: described.name,
    column: field.column,
    sfType: described.type,
    convert,
    ...(field.reference !== undefined ? { reference: field.reference } : {}),
    ...(externalReference ? { externalReference } : {}),
    inbound: flowsIn(direction),
    outbound,
    createable: described.createable,
    updateable: described.updateable,
    ...(field.inboundDefault !== undefined ? { inboundDefault: field.inboundDefault } : {}),
  };
}

/** A lookup to another subgraph's object: a reference to it, with a relationship, and the parent has our external ID field. */
function compileExternalReference(
  mapping: SyncMapping,
  field: FieldMapping,
  described: FieldDescribe,
  byName: Map<string, SyncMapping>,
  describes: Map<string, SObjectDescribe>,
  problems: string[],
  where: string,
): CompiledField['externalReference'] {
  const name = `${mapping.sObject}.${field.sf}`;
  const sObject = field.externalReference!;
  if (field.reference !== undefined) problems.push(`${where}: field ${name} names both a reference (${field.reference}) and an external reference (${sObject}); it is one or the other`);
  if ([...byName.values()].some((m) => m.sObject === sObject)) problems.push(`${where}: field ${name} is an external reference to ${sObject}, which a mapping of this engine mirrors; name that mapping as its reference`);
  if (described.type !== 'reference' || !(described.referenceTo ?? []).includes(sObject)) {
    problems.push(`${where}: field ${name} does not reference ${sObject} in the org's describe (references ${(described.referenceTo ?? []).join(', ') || 'nothing'})`);
    return undefined;
  }
  if (!described.relationshipName) {
    problems.push(`${where}: field ${name} has no relationship name in the org's describe, so its parent cannot be named by external ID`);
    return undefined;
  }
  const parent = describes.get(sObject);
  const key = parent?.fields.find((f) => f.name.toLowerCase() === mapping.externalId.toLowerCase());
  if (!parent) return undefined; // reported with the describes
  if (!key || !(key.externalId || key.idLookup)) {
    problems.push(`${where}: field ${name} points at ${sObject}, which has no external ID field ${mapping.externalId} to name its records by`);
    return undefined;
  }
  return { sObject, relationship: described.relationshipName, externalId: key.name };
}

/** Levels from the reference graph; a cycle is a problem (parents must be synced before children). */
function levelsOf(mappings: readonly Omit<CompiledMapping, 'level'>[], problems: string[]): Map<string, number> {
  const byName = new Map(mappings.map((m) => [m.name, m]));
  const levels = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (name: string, path: string[]): number => {
    const known = levels.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) {
      problems.push(`mappings reference each other in a cycle: ${[...path, name].join(' → ')}`);
      return 0;
    }
    visiting.add(name);
    const parents = byName.get(name)?.parents ?? [];
    const level = parents.length ? 1 + Math.max(...parents.map((p) => (byName.has(p) ? visit(p, [...path, name]) : 0))) : 0;
    visiting.delete(name);
    levels.set(name, level);
    return level;
  };
  for (const m of mappings) visit(m.name, []);
  return levels;
}

async function tableColumns(db: Queryable, tables: string[]): Promise<Map<string, Map<string, string>>> {
  const rows = await db.query<{ table_name: string; column_name: string; udt_name: string }>(
    'select table_name, column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = any($1)',
    [tables],
  );
  const result = new Map<string, Map<string, string>>();
  for (const row of rows) {
    let columns = result.get(row.table_name);
    if (!columns) result.set(row.table_name, (columns = new Map()));
    columns.set(row.column_name, row.udt_name);
  }
  return result;
}
