/**
 * The header line of ingest data, resolved against the object's describe. A column is a field (`Name`), or a lookup
 * by external ID through a relationship (`Account.L2C_Id__c`; `Owner:User.Username` for a polymorphic one). A header
 * Salesforce cannot read fails the whole job before any row is processed (numberRecordsProcessed 0), with an
 * `InvalidBatch : …` errorMessage; these messages are Salesforce's.
 */
import type { DescribeField, OrgSchema, SObjectSchema } from '../../metadata/types.ts';
import type { IngestOperation } from '../types.ts';

export type IngestColumn =
  | { kind: 'field'; field: DescribeField }
  | { kind: 'reference'; field: DescribeField; target: SObjectSchema; matchField: DescribeField }
  /** A column the operation does not use (everything but `Id` in a delete). */
  | { kind: 'ignored' };

/** The header cannot be processed; the message becomes the job's errorMessage. */
export class HeaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeaderError';
  }
}

export function resolveColumns(header: readonly string[], object: SObjectSchema, schema: OrgSchema, operation: IngestOperation): IngestColumn[] {
  const deleting = operation === 'delete' || operation === 'hardDelete';
  const columns = header.map((name): IngestColumn => {
    if (deleting) {
      return name.toLowerCase() === 'id' ? { kind: 'field', field: object.fieldsByName.get('id') as DescribeField } : { kind: 'ignored' };
    }
    return name.includes('.') ? resolveReference(name, object, schema) : resolveField(name, object);
  });
  if (deleting && !columns.some((c) => c.kind === 'field')) throw new HeaderError('InvalidBatch : Field name not found : Id');
  return columns;
}

function resolveField(name: string, object: SObjectSchema): IngestColumn {
  const field = object.fieldsByName.get(name.toLowerCase());
  if (!field) throw new HeaderError(`InvalidBatch : Field name not found : ${name}`);
  return { kind: 'field', field };
}

/** `Relationship.MatchField` or `Type:Relationship.MatchField`. */
function resolveReference(name: string, object: SObjectSchema, schema: OrgSchema): IngestColumn {
  const dot = name.indexOf('.');
  const path = name.slice(0, dot);
  const matchName = name.slice(dot + 1);
  const colon = path.indexOf(':');
  const typeName = colon >= 0 ? path.slice(0, colon) : null;
  const relationship = colon >= 0 ? path.slice(colon + 1) : path;

  const field = object.parentRelationships.get(relationship.toLowerCase());
  if (!field) throw new HeaderError(`InvalidBatch : Unable to find relationship: ${relationship}`);
  const polymorphic = field.referenceTo.length > 1;
  if (typeName !== null && !polymorphic) {
    throw new HeaderError(`InvalidBatch : type is not needed for non polymorphic foreign key references: ${relationship}`);
  }
  if (typeName === null && polymorphic) {
    throw new HeaderError(`InvalidBatch : Polymorphic foreign key reference needs a type: ${relationship}`);
  }
  const targetName = typeName ?? field.referenceTo[0];
  const target = targetName ? schema.object(targetName) : undefined;
  if (!target || !field.referenceTo.some((t) => t.toLowerCase() === target.name.toLowerCase())) {
    throw new HeaderError(`InvalidBatch : Unable to find relationship: ${relationship}`);
  }
  const matchField = target.fieldsByName.get(matchName.toLowerCase());
  if (!matchField) throw new HeaderError(`InvalidBatch : Field name not found : ${name}`);
  if (!matchField.externalId && matchField.name !== 'Id') {
    throw new HeaderError(`InvalidBatch : Field name provided, ${matchField.name} does not match an External ID for ${target.name}`);
  }
  return { kind: 'reference', field, target, matchField };
}
