/**
 * A small org for the engine's tests and benchmark: a hand-written schema in the describe shapes of
 * `metadata/types.ts` and an in-memory record source with a recycle bin. Kept apart from the real org so the engine
 * is tested on its own contract (`QueryOrg`).
 */
import type { ChildRelationship, DescribeField, FieldType, OrgSchema, SObjectSchema } from '../../metadata/types.ts';
import type { FieldValue, ReadOptions, SObjectRecord } from '../../org/types.ts';
import type { QueryOrg, QuerySource } from '../scope.ts';
import { toId18 } from '../values.ts';

type FieldSpec = [name: string, type: FieldType, extra?: Partial<DescribeField>];

const LONG_TEXT = { filterable: false, sortable: false, groupable: false, aggregatable: false, length: 32000 };

const OBJECTS: Record<string, { prefix: string; fields: FieldSpec[] }> = {
  User: { prefix: '005', fields: [['Name', 'string'], ['Email', 'email'], ['IsActive', 'boolean']] },
  Account: {
    prefix: '001',
    fields: [
      ['Name', 'string'],
      ['Industry', 'picklist'],
      ['Type', 'picklist'],
      ['AnnualRevenue', 'currency'],
      ['NumberOfEmployees', 'int'],
      ['Description', 'textarea', LONG_TEXT],
      ['Brands__c', 'multipicklist', { custom: true, aggregatable: false, sortable: false, groupable: false }],
      ['IsPartner__c', 'boolean', { custom: true }],
      ['Founded__c', 'date', { custom: true }],
      ['OwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'Owner' }],
      ['ParentId', 'reference', { referenceTo: ['Account'], relationshipName: 'Parent' }],
    ],
  },
  Contact: {
    prefix: '003',
    fields: [
      ['FirstName', 'string'],
      ['LastName', 'string'],
      ['Email', 'email'],
      ['Birthdate', 'date'],
      ['AccountId', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }],
      ['OwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'Owner' }],
    ],
  },
  Opportunity: {
    prefix: '006',
    fields: [
      ['Name', 'string'],
      ['StageName', 'picklist'],
      ['Amount', 'currency'],
      ['Probability', 'percent'],
      ['CloseDate', 'date'],
      ['IsWon', 'boolean'],
      ['AccountId', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }],
    ],
  },
};

const CHILD_NAMES: Record<string, string> = { 'Contact.AccountId': 'Contacts', 'Opportunity.AccountId': 'Opportunities', 'Account.ParentId': 'ChildAccounts' };

export function fixtureSchema(): OrgSchema {
  const fields = new Map<string, DescribeField[]>();
  for (const [name, spec] of Object.entries(OBJECTS)) {
    const own = spec.fields.map(([field, type, extra]) => describeField(field, type, extra));
    fields.set(name, [
      describeField('Id', 'id', { nillable: false }),
      describeField('IsDeleted', 'boolean'),
      ...own,
      describeField('CreatedDate', 'datetime'),
      describeField('LastModifiedDate', 'datetime'),
      describeField('SystemModstamp', 'datetime'),
    ]);
  }
  const children = new Map<string, ChildRelationship[]>();
  for (const [name, list] of fields) {
    for (const field of list) {
      const target = field.referenceTo[0];
      if (!target) continue;
      const relationship: ChildRelationship = {
        cascadeDelete: false,
        childSObject: name,
        deprecatedAndHidden: false,
        field: field.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: CHILD_NAMES[`${name}.${field.name}`] ?? null,
        restrictedDelete: false,
      };
      children.set(target, [...(children.get(target) ?? []), relationship]);
    }
  }
  const objects = [...fields].map(([name, list]) => toObject(name, OBJECTS[name]!.prefix, list, children.get(name) ?? []));
  const byName = new Map(objects.map((object) => [object.name.toLowerCase(), object]));
  const byPrefix = new Map(objects.map((object) => [object.keyPrefix, object]));
  return { objects, object: (name) => byName.get(name.toLowerCase()), objectByKeyPrefix: (prefix) => byPrefix.get(prefix) };
}

/** An in-memory record store with a recycle bin: what `Org` offers the engine. */
export class FixtureRecords implements QuerySource {
  private readonly byType = new Map<string, SObjectRecord[]>();
  private readonly byId = new Map<string, SObjectRecord>();
  private next = 1;

  constructor(private readonly schema: OrgSchema) {}

  /** Adds a record with every field of its object (null when not given) and returns its 18-character ID. */
  add(type: string, fields: Record<string, FieldValue>, options: { deleted?: boolean; created?: string } = {}): string {
    const object = this.schema.object(type)!;
    const id = toId18(`${object.keyPrefix}${String(this.next++).padStart(12, '0')}`)!;
    const stamp = options.created ?? '2026-01-15T08:00:00.000+0000';
    const record: Record<string, FieldValue> = {};
    for (const field of object.fields) record[field.name] = fields[field.name] ?? null;
    Object.assign(record, { Id: id, IsDeleted: options.deleted ?? false, CreatedDate: stamp, LastModifiedDate: stamp, SystemModstamp: stamp });
    const list = this.byType.get(object.name) ?? [];
    list.push(record);
    this.byType.set(object.name, list);
    this.byId.set(id, record);
    return id;
  }

  get(id: string, options?: ReadOptions): SObjectRecord | undefined {
    const record = this.byId.get(toId18(id) ?? id);
    return record && (!record['IsDeleted'] || options?.includeDeleted) ? record : undefined;
  }

  *records(type: string, options?: ReadOptions): Iterable<SObjectRecord> {
    for (const record of this.byType.get(this.schema.object(type)?.name ?? type) ?? []) {
      if (!record['IsDeleted'] || options?.includeDeleted) yield record;
    }
  }

  children(childType: string, field: string, parentId: string, options?: ReadOptions): SObjectRecord[] {
    return [...this.records(childType, options)].filter((record) => record[field] === parentId);
  }
}

/** The fixture schema, an empty record store, and a fixed clock (Monday 23 November 2026, 10:15:30 UTC). */
export function fixtureOrg(now = new Date('2026-11-23T10:15:30.000Z')): QueryOrg & { records: FixtureRecords } {
  const schema = fixtureSchema();
  const records = new FixtureRecords(schema);
  return { schema, source: records, records, now: () => now };
}

function describeField(name: string, type: FieldType, extra: Partial<DescribeField> = {}): DescribeField {
  return {
    aggregatable: true, aiPredictionField: false, autoNumber: false, byteLength: 0, calculated: false, calculatedFormula: null,
    cascadeDelete: false, caseSensitive: false, compoundFieldName: null, controllerName: null, createable: type !== 'id',
    custom: false, defaultValue: null, defaultValueFormula: null, defaultedOnCreate: false, dependentPicklist: false,
    deprecatedAndHidden: false, digits: 0, displayLocationInDecimal: false, encrypted: false, externalId: false,
    extraTypeInfo: null, filterable: true, filteredLookupInfo: null, formulaTreatNullNumberAsZero: false, groupable: true,
    highScaleNumber: false, htmlFormatted: false, idLookup: type === 'id', inlineHelpText: null, label: name, length: 255,
    mask: null, maskType: null, name, nameField: name === 'Name', namePointing: false, nillable: true, permissionable: false,
    picklistValues: [], polymorphicForeignKey: false, precision: 0, queryByDistance: false, referenceTargetField: null,
    referenceTo: [], relationshipName: null, relationshipOrder: null, restrictedDelete: false, restrictedPicklist: false,
    scale: 0, searchPrefilterable: false, soapType: 'xsd:string', sortable: true, type, unique: false, updateable: type !== 'id',
    writeRequiresMasterRead: false,
    ...extra,
  };
}

function toObject(name: string, keyPrefix: string, fields: DescribeField[], childRelationships: ChildRelationship[]): SObjectSchema {
  const parentRelationships = new Map<string, DescribeField>();
  for (const field of fields) if (field.relationshipName) parentRelationships.set(field.relationshipName.toLowerCase(), field);
  const childByName = new Map<string, ChildRelationship>();
  for (const child of childRelationships) if (child.relationshipName) childByName.set(child.relationshipName.toLowerCase(), child);
  return {
    name,
    keyPrefix,
    describe: { name, keyPrefix, fields, childRelationships } as unknown as SObjectSchema['describe'],
    fields,
    fieldsByName: new Map(fields.map((field) => [field.name.toLowerCase(), field])),
    parentRelationships,
    childRelationships: childByName,
    externalIdFields: fields.filter((field) => field.type === 'id'),
    nameField: fields.find((field) => field.nameField),
    owned: fields.some((field) => field.name === 'OwnerId'),
  };
}
