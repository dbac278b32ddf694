import type { DescribeField, SObjectSchema } from '../../metadata/types.ts';
import type { SObjectRecord } from '../../org/types.ts';

/** The REST URL of a record: `/services/data/v60.0/sobjects/Account/001…`. */
export function recordUrl(version: string, type: string, id: string): string {
  return `/services/data/v${version}/sobjects/${type}/${id}`;
}

/** A record as REST returns it: `attributes` first, then the fields (all of them, or the ones asked for). */
export function toRestRecord(object: SObjectSchema, record: SObjectRecord, version: string, fields?: readonly DescribeField[]): Record<string, unknown> {
  const json: Record<string, unknown> = { attributes: { type: object.name, url: recordUrl(version, object.name, record.Id as string) } };
  for (const field of fields ?? object.fields) json[field.name] = record[field.name] ?? null;
  return json;
}
