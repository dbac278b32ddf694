import { normalizeField } from './normalizeField.ts';
import { withSystemFields } from './systemFields.ts';
import type { ChildRelationship, DescribeField, DescribeSObjectResult, ObjectDefinition, OrgSchema, SObjectSchema } from './types.ts';

/** A metadata definition that cannot make a consistent schema; names the object, the field and the problem. */
export class MetadataError extends Error {
  override readonly name = 'MetadataError';
}

/**
 * Builds the org schema from object definitions. Definitions of the same object (any case) merge in order: later
 * ones override the flags they set and add or replace fields by name, which is how an extra-definitions folder
 * extends a standard object. Child relationships are derived from every reference field.
 */
export function buildSchema(definitions: readonly ObjectDefinition[]): OrgSchema {
  const merged = mergeDefinitions(definitions);
  const fieldsByObject = new Map<string, DescribeField[]>();
  for (const definition of merged.values()) {
    const label = definition.label ?? definition.name;
    fieldsByObject.set(definition.name.toLowerCase(), withSystemFields(definition, label).map(normalizeField));
  }
  const children = deriveChildRelationships(merged, fieldsByObject);
  const objects = [...merged.values()]
    .map((definition) => toSchema(definition, fieldsByObject.get(definition.name.toLowerCase()) ?? [], children.get(definition.name.toLowerCase()) ?? []))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byName = new Map(objects.map((object) => [object.name.toLowerCase(), object]));
  const byPrefix = new Map<string, SObjectSchema>();
  for (const object of objects) {
    const clash = byPrefix.get(object.keyPrefix);
    // Salesforce itself shares a few prefixes between standard objects (01J: LeadStatus and OpportunityStage); a
    // custom object that collides is a mistake in a metadata file.
    if (clash && (clash.describe.custom || object.describe.custom)) {
      throw new MetadataError(`Key prefix ${object.keyPrefix} is used by both ${clash.name} and ${object.name}`);
    }
    if (!clash) byPrefix.set(object.keyPrefix, object);
  }
  return {
    objects,
    object: (name) => byName.get(name.toLowerCase()),
    objectByKeyPrefix: (prefix) => byPrefix.get(prefix),
  };
}

function mergeDefinitions(definitions: readonly ObjectDefinition[]): Map<string, ObjectDefinition> {
  const merged = new Map<string, ObjectDefinition>();
  for (const definition of definitions) {
    const key = definition.name.toLowerCase();
    const previous = merged.get(key);
    if (!previous) {
      merged.set(key, { ...definition, fields: [...(definition.fields ?? [])] });
      continue;
    }
    const fields = [...(previous.fields ?? [])];
    for (const field of definition.fields ?? []) {
      const index = fields.findIndex((existing) => existing.name.toLowerCase() === field.name.toLowerCase());
      if (index >= 0) fields[index] = { ...fields[index], ...field };
      else fields.push(field);
    }
    merged.set(key, { ...previous, ...definition, name: previous.name, fields });
  }
  for (const definition of merged.values()) {
    if (!definition.keyPrefix || !/^[0-9A-Za-z]{3}$/.test(definition.keyPrefix)) {
      throw new MetadataError(`Object ${definition.name} needs a three-character keyPrefix (got ${JSON.stringify(definition.keyPrefix)})`);
    }
  }
  return merged;
}

function deriveChildRelationships(
  merged: Map<string, ObjectDefinition>,
  fieldsByObject: Map<string, DescribeField[]>,
): Map<string, ChildRelationship[]> {
  const children = new Map<string, ChildRelationship[]>();
  for (const definition of merged.values()) {
    const childRelationshipNames = new Map((definition.fields ?? []).map((field) => [field.name.toLowerCase(), field.childRelationshipName ?? null]));
    for (const field of fieldsByObject.get(definition.name.toLowerCase()) ?? []) {
      for (const target of field.referenceTo) {
        const parent = merged.get(target.toLowerCase());
        if (!parent) throw new MetadataError(`${definition.name}.${field.name} references ${target}, which has no metadata file`);
        const list = children.get(target.toLowerCase()) ?? [];
        list.push({
          cascadeDelete: field.cascadeDelete,
          childSObject: definition.name,
          deprecatedAndHidden: false,
          field: field.name,
          junctionIdListNames: [],
          junctionReferenceTo: [],
          relationshipName: childRelationshipNames.get(field.name.toLowerCase()) ?? null,
          restrictedDelete: field.restrictedDelete,
        });
        children.set(target.toLowerCase(), list);
      }
    }
  }
  return children;
}

function toSchema(definition: ObjectDefinition, fields: DescribeField[], childRelationships: ChildRelationship[]): SObjectSchema {
  const label = definition.label ?? definition.name;
  const custom = definition.custom ?? definition.name.endsWith('__c');
  const keyPrefix = definition.keyPrefix ?? '';
  const flag = (value: boolean | undefined) => value ?? true;
  const describe: Omit<DescribeSObjectResult, 'urls'> = {
    actionOverrides: [],
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    childRelationships,
    compactLayoutable: true,
    createable: flag(definition.createable),
    custom,
    customSetting: false,
    deepCloneable: false,
    defaultImplementation: null,
    deletable: flag(definition.deletable),
    deprecatedAndHidden: false,
    extendedBy: null,
    extendsInterfaces: null,
    feedEnabled: false,
    fields,
    hasSubtypes: false,
    implementedBy: null,
    implementsInterfaces: null,
    isInterface: false,
    isSubtype: false,
    keyPrefix,
    label,
    labelPlural: definition.labelPlural ?? `${label}s`,
    layoutable: true,
    listviewable: null,
    lookupLayoutable: null,
    mergeable: false,
    mruEnabled: true,
    name: definition.name,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    queryable: flag(definition.queryable),
    recordTypeInfos: [],
    replicateable: flag(definition.replicateable),
    retrieveable: true,
    searchLayoutable: true,
    searchable: flag(definition.searchable),
    sobjectDescribeOption: 'FULL',
    supportedScopes: [{ label: 'All', name: 'everything' }],
    triggerable: true,
    undeletable: flag(definition.undeletable),
    updateable: flag(definition.updateable),
  };
  const lower = (name: string) => name.toLowerCase();
  const parentRelationships = new Map<string, DescribeField>();
  for (const field of fields) if (field.relationshipName) parentRelationships.set(lower(field.relationshipName), field);
  const childByName = new Map<string, ChildRelationship>();
  for (const child of childRelationships) if (child.relationshipName) childByName.set(lower(child.relationshipName), child);
  return {
    name: definition.name,
    keyPrefix,
    describe,
    fields,
    fieldsByName: new Map(fields.map((field) => [lower(field.name), field])),
    parentRelationships,
    childRelationships: childByName,
    externalIdFields: fields.filter((field) => field.type === 'id' || field.externalId),
    nameField: fields.find((field) => field.nameField),
    owned: fields.some((field) => field.name === 'OwnerId'),
  };
}
