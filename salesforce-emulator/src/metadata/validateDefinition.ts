import { MetadataError } from './buildSchema.ts';
import type { FieldType, ObjectDefinition } from './types.ts';

const FIELD_TYPES = new Set<FieldType>([
  'id', 'string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox', 'boolean', 'int', 'long',
  'double', 'currency', 'percent', 'date', 'datetime', 'time', 'reference', 'encryptedstring', 'base64', 'address', 'location', 'anyType',
]);

/**
 * Checks that parsed JSON is an object definition and says where it is not (`source` names the file). Only the
 * structure is checked here; consistency across objects (prefixes, references) is `buildSchema`'s job.
 */
export function validateDefinition(value: unknown, source: string): ObjectDefinition {
  const fail = (reason: string): never => {
    throw new MetadataError(`${source}: ${reason}`);
  };
  if (!isRecord(value)) return fail('expected a JSON object');
  if (typeof value.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(value.name)) return fail('"name" must be an API name');
  if (value.keyPrefix !== undefined && (typeof value.keyPrefix !== 'string' || !/^[0-9A-Za-z]{3}$/.test(value.keyPrefix))) {
    return fail('"keyPrefix" must be three letters or digits');
  }
  if (value.fields !== undefined && !Array.isArray(value.fields)) return fail('"fields" must be an array');
  for (const [index, field] of ((value.fields as unknown[] | undefined) ?? []).entries()) {
    if (!isRecord(field)) return fail(`fields[${index}] must be an object`);
    if (typeof field.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(field.name)) return fail(`fields[${index}].name must be an API name`);
    if (typeof field.type !== 'string' || !FIELD_TYPES.has(field.type as FieldType)) {
      return fail(`field ${field.name}: unknown type ${JSON.stringify(field.type)}`);
    }
    if (field.type === 'reference' && (!Array.isArray(field.referenceTo) || field.referenceTo.length === 0)) {
      return fail(`field ${field.name}: a reference needs "referenceTo"`);
    }
    if (field.picklistValues !== undefined && !Array.isArray(field.picklistValues)) return fail(`field ${field.name}: "picklistValues" must be an array`);
  }
  return value as unknown as ObjectDefinition;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
