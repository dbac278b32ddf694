/**
 * A small org for the engine's tests and benchmark: a hand-written schema in the describe shapes of
 * `metadata/types.ts` and an in-memory record source with a recycle bin. Kept apart from the real org so the engine
 * is tested on its own contract (`QueryOrg`).
 */
import { buildSchema } from '../../metadata/buildSchema.ts';
import type { ObjectDefinition, OrgSchema } from '../../metadata/types.ts';
import type { FieldValue, ReadOptions, SObjectRecord } from '../../org/types.ts';
import type { QueryOrg, QuerySource } from '../scope.ts';
import { toId18 } from '../values.ts';

const LONG_TEXT = { length: 32000 } as const;

/** Four objects with the field types and relationships the engine's rules depend on. */
const DEFINITIONS: ObjectDefinition[] = [
  { name: 'User', keyPrefix: '005', fields: [{ name: 'Name', type: 'string' }, { name: 'Email', type: 'email' }, { name: 'IsActive', type: 'boolean' }] },
  {
    name: 'Account',
    keyPrefix: '001',
    fields: [
      { name: 'Name', type: 'string' },
      { name: 'Industry', type: 'picklist' },
      { name: 'Type', type: 'picklist' },
      { name: 'AnnualRevenue', type: 'currency' },
      { name: 'NumberOfEmployees', type: 'int' },
      { name: 'Description', type: 'textarea', ...LONG_TEXT },
      { name: 'Brands__c', type: 'multipicklist' },
      { name: 'IsPartner__c', type: 'boolean' },
      { name: 'Founded__c', type: 'date' },
      { name: 'OwnerId', type: 'reference', referenceTo: ['User'], relationshipName: 'Owner' },
      { name: 'ParentId', type: 'reference', referenceTo: ['Account'], relationshipName: 'Parent', childRelationshipName: 'ChildAccounts' },
    ],
  },
  {
    name: 'Contact',
    keyPrefix: '003',
    fields: [
      { name: 'FirstName', type: 'string' },
      { name: 'LastName', type: 'string' },
      { name: 'Email', type: 'email' },
      { name: 'Birthdate', type: 'date' },
      { name: 'AccountId', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account', childRelationshipName: 'Contacts' },
      { name: 'OwnerId', type: 'reference', referenceTo: ['User'], relationshipName: 'Owner' },
    ],
  },
  {
    name: 'Opportunity',
    keyPrefix: '006',
    fields: [
      { name: 'Name', type: 'string' },
      { name: 'StageName', type: 'picklist' },
      { name: 'Amount', type: 'currency' },
      { name: 'Probability', type: 'percent' },
      { name: 'CloseDate', type: 'date' },
      { name: 'IsWon', type: 'boolean' },
      { name: 'AccountId', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account', childRelationshipName: 'Opportunities' },
    ],
  },
];

/** The fixture schema, built by the emulator's own metadata builder (describe defaults included). */
export function fixtureSchema(): OrgSchema {
  return buildSchema(DEFINITIONS);
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
