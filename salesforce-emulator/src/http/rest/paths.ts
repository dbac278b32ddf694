import type { DescribeField, SObjectSchema } from '../../metadata/types.ts';
import { normalizeId } from '../../org/ids.ts';
import type { Org, SObjectRecord } from '../../org/types.ts';
import { apiErrors } from '../errors.ts';

/** The object named in a URL, or 404 as Salesforce answers for an unknown sObject. */
export function objectFromPath(org: Org, name: string): SObjectSchema {
  const object = org.schema.object(name);
  if (!object) throw apiErrors.notFound();
  return object;
}

/**
 * The record ID in `/sobjects/{T}/{id}`. Salesforce reads a segment that is not an ID as an external ID field name,
 * hence its 404 for `abc`; a 15- or 18-character value that is not a valid ID is MALFORMED_ID; an ID of another
 * object is not found.
 */
export function idFromPath(object: SObjectSchema, raw: string): string {
  if (!/^[0-9A-Za-z]{15}([0-9A-Za-z]{3})?$/.test(raw)) throw apiErrors.noExternalIdField(raw);
  const id = normalizeId(raw);
  if (id === undefined) throw apiErrors.malformedId(object.describe.label, raw);
  if (!id.startsWith(object.keyPrefix)) throw apiErrors.notFound();
  return id;
}

/** The live record with this ID: 404 NOT_FOUND when unknown, 404 ENTITY_IS_DELETED when in the recycle bin. */
export function liveRecord(org: Org, object: SObjectSchema, id: string): SObjectRecord {
  const record = org.get(id, { includeDeleted: true });
  if (!record) throw apiErrors.notFound();
  if (record.IsDeleted === true) throw apiErrors.entityIsDeleted();
  return record;
}

/** The fields of a `fields=` list (comma-separated, any case); INVALID_FIELD for a name the object lacks. */
export function fieldList(object: SObjectSchema, list: string | null): DescribeField[] | undefined {
  if (list === null || list.trim() === '') return undefined;
  return list.split(',').map((name) => {
    const field = object.fieldsByName.get(name.trim().toLowerCase());
    if (!field) throw apiErrors.invalidField(name.trim(), object.name);
    return field;
  });
}

/** An external ID field usable as an upsert key (`Id` included); 404 as Salesforce answers otherwise. */
export function externalIdField(object: SObjectSchema, name: string): DescribeField {
  const field = object.fieldsByName.get(name.toLowerCase());
  if (!field || !(field.externalId || field.type === 'id')) throw apiErrors.noExternalIdField(name);
  return field;
}

/** The JSON body as an object; JSON_PARSER_ERROR otherwise. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw apiErrors.jsonParser('The request body must be a JSON object');
  return body as Record<string, unknown>;
}
