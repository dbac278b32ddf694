/**
 * sObject Collections (`/composite/sobjects`): create, update, upsert by external ID, delete and retrieve up to
 * 200 records (2,000 IDs for retrieve) in one request, with `allOrNone` deciding whether one failure undoes all.
 * The request succeeds (200) whatever the records do; each record has its own result.
 */
import type { RecordInput, SaveResult } from '../../org/types.ts';
import { ApiError, apiErrors } from '../errors.ts';
import type { ApiRequest, ApiResponse, RestContext } from '../types.ts';
import { atomically, resultJson, rolledBackInsert } from './allOrNone.ts';
import { bodyObject, externalIdField, fieldList, objectFromPath } from './paths.ts';
import { toRestRecord } from './recordJson.ts';
import { writeAs } from './writeAs.ts';
import { normalizeId } from '../../org/ids.ts';

export const MAX_COLLECTION_RECORDS = 200;
const MAX_RETRIEVE_IDS = 2000;

/** `POST|PATCH|DELETE /composite/sobjects` */
export function handleCollection(request: ApiRequest, context: RestContext): ApiResponse {
  const { org } = context;
  const userId = request.session.userId;
  if (request.method === 'DELETE') {
    const ids = (request.query.get('ids') ?? '').split(',').filter((id) => id !== '');
    if (ids.length === 0) throw new ApiError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
    if (ids.length > MAX_COLLECTION_RECORDS) throw apiErrors.exceededIdLimit(MAX_COLLECTION_RECORDS);
    const allOrNone = request.query.get('allOrNone') === 'true';
    const results = writeAs(request, () => atomically(org, allOrNone, userId, () => ids.flatMap((id) => org.delete([id]))));
    return { status: 200, body: results.map((result) => resultJson(result, false)) };
  }
  if (request.method !== 'POST' && request.method !== 'PATCH') throw apiErrors.methodNotAllowed(request.method, ['POST', 'PATCH', 'DELETE']);
  const { allOrNone, records } = collectionBody(request.body);
  const typed = records.map((record) => ({ type: recordType(record), record }));
  const results = writeAs(request, () =>
    atomically(org, allOrNone, userId, () =>
      typed.flatMap(({ type, record }): SaveResult[] => {
        if (type === undefined) return [missingType()];
        return request.method === 'POST' ? org.insert(type, [record]) : org.update(type, [record]);
      }),
      request.method === 'POST' ? rolledBackInsert : undefined,
    ),
  );
  return { status: 200, body: results.map((result) => resultJson(result, false)) };
}

/** `PATCH /composite/sobjects/{T}/{externalIdField}` (upsert) */
export function handleCollectionUpsert(request: ApiRequest, context: RestContext, type: string, fieldName: string): ApiResponse {
  if (request.method !== 'PATCH') throw apiErrors.methodNotAllowed(request.method, ['PATCH']);
  const { org } = context;
  const object = objectFromPath(org, type);
  const field = externalIdField(object, fieldName);
  const { allOrNone, records } = collectionBody(request.body);
  for (const record of records) {
    const declared = recordType(record);
    if (declared !== undefined && declared.toLowerCase() !== object.name.toLowerCase()) {
      throw new ApiError(400, 'INVALID_INPUT', `All records must be of type ${object.name} in an upsert; found ${declared}`);
    }
  }
  const results = writeAs(request, () => atomically(org, allOrNone, request.session.userId, () => org.upsert(object.name, field.name, records), rolledBackInsert));
  return { status: 200, body: results.map((result) => resultJson(result, true)) };
}

/** `POST /composite/sobjects/{T}` `{ ids, fields }` and `GET …?ids=&fields=` (retrieve; missing records are null). */
export function handleCollectionRetrieve(request: ApiRequest, context: RestContext, type: string): ApiResponse {
  const object = objectFromPath(context.org, type);
  let ids: string[];
  let fieldNames: string;
  if (request.method === 'GET') {
    ids = (request.query.get('ids') ?? '').split(',').filter((id) => id !== '');
    fieldNames = request.query.get('fields') ?? '';
  } else if (request.method === 'POST') {
    const body = bodyObject(request.body);
    ids = Array.isArray(body.ids) ? body.ids.map(String) : [];
    fieldNames = Array.isArray(body.fields) ? body.fields.map(String).join(',') : '';
  } else {
    throw apiErrors.methodNotAllowed(request.method, ['GET', 'POST']);
  }
  if (ids.length === 0) throw new ApiError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
  if (ids.length > MAX_RETRIEVE_IDS) throw apiErrors.exceededIdLimit(MAX_RETRIEVE_IDS);
  const fields = fieldList(object, fieldNames);
  if (!fields) throw new ApiError(400, 'MISSING_ARGUMENT', 'fields parameter is required');
  const records = ids.map((raw) => {
    const id = normalizeId(raw);
    const record = id?.startsWith(object.keyPrefix) ? context.org.get(id) : undefined;
    return record ? toRestRecord(object, record, request.version, fields) : null;
  });
  return { status: 200, body: records };
}

function collectionBody(body: unknown): { allOrNone: boolean; records: RecordInput[] } {
  const parsed = bodyObject(body);
  if (!Array.isArray(parsed.records)) throw new ApiError(400, 'INVALID_INPUT', 'The request body must contain a "records" array');
  if (parsed.records.length > MAX_COLLECTION_RECORDS) throw apiErrors.exceededIdLimit(MAX_COLLECTION_RECORDS);
  const records = parsed.records.map((record) => bodyObject(record));
  return { allOrNone: parsed.allOrNone === true || parsed.allOrNone === 'true', records };
}

function recordType(record: RecordInput): string | undefined {
  const attributes = record.attributes;
  const type = typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>).type : undefined;
  return typeof type === 'string' ? type : undefined;
}

function missingType(): SaveResult {
  return {
    id: null,
    success: false,
    errors: [{ statusCode: 'INVALID_TYPE', message: "When creating a collection of sObjects, the 'type' property of the 'attributes' map must be set", fields: [] }],
  };
}
