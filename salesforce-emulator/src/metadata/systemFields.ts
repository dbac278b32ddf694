import type { FieldDefinition, ObjectDefinition } from './types.ts';

/** The names of the fields the org maintains itself on every record; clients can never write them. */
export const AUDIT_FIELDS = ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'] as const;

/**
 * The fields Salesforce puts on every object, in describe order: `Id` and `IsDeleted` first, `OwnerId` for owned
 * objects, then the object's own fields, then the audit fields.
 */
export function withSystemFields(definition: ObjectDefinition, label: string): FieldDefinition[] {
  const own = definition.fields ?? [];
  if (definition.systemFields === false) return own;
  const head: FieldDefinition[] = [
    { name: 'Id', type: 'id', label: `${label} ID`, nillable: false, defaultedOnCreate: true },
    { name: 'IsDeleted', type: 'boolean', label: 'Deleted', createable: false, updateable: false },
  ];
  if (definition.owned === true && !own.some((field) => field.name === 'OwnerId')) {
    head.push({
      name: 'OwnerId',
      type: 'reference',
      label: 'Owner ID',
      referenceTo: ['User'],
      relationshipName: 'Owner',
      nillable: false,
      defaultedOnCreate: true,
    });
  }
  const readOnly = { createable: false, updateable: false, nillable: false, defaultedOnCreate: true } as const;
  const tail: FieldDefinition[] = [
    { name: 'CreatedDate', type: 'datetime', label: 'Created Date', ...readOnly },
    { name: 'CreatedById', type: 'reference', label: 'Created By ID', referenceTo: ['User'], relationshipName: 'CreatedBy', ...readOnly },
    { name: 'LastModifiedDate', type: 'datetime', label: 'Last Modified Date', ...readOnly },
    { name: 'LastModifiedById', type: 'reference', label: 'Last Modified By ID', referenceTo: ['User'], relationshipName: 'LastModifiedBy', ...readOnly },
    { name: 'SystemModstamp', type: 'datetime', label: 'System Modstamp', ...readOnly },
  ];
  const reserved = new Set([...head, ...tail].map((field) => field.name.toLowerCase()));
  return [...head, ...own.filter((field) => !reserved.has(field.name.toLowerCase())), ...tail];
}
