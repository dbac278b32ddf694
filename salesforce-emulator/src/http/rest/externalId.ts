/**
 * `/sobjects/{T}/{externalIdField}/{value}`: upsert (PATCH), retrieve (GET) and delete (DELETE) by external ID.
 * Several matching records answer 300 with their URLs, which jsforce raises as MULTIPLE_CHOICES.
 */
import type { SObjectSchema } from '../../metadata/types.ts';
import type { SObjectRecord } from '../../org/types.ts';
import { apiErrors } from '../errors.ts';
import type { ApiRequest, ApiResponse, RestContext } from '../types.ts';
import { bodyObject, externalIdField, fieldList, objectFromPath } from './paths.ts';
import { recordUrl, toRestRecord } from './recordJson.ts';
import { writeAs } from './writeAs.ts';

/** Since API 46.0 an upsert that updates answers 200 with a body (`created: false`); before, 204 without one. */
const UPSERT_BODY_SINCE = 46;

export function handleExternalId(request: ApiRequest, context: RestContext, type: string, fieldName: string, value: string): ApiResponse {
  const { org } = context;
  const object = objectFromPath(org, type);
  const field = externalIdField(object, fieldName);
  const matches = field.type === 'id' ? [org.get(value)].filter((record): record is SObjectRecord => record !== undefined) : org.findBy(object.name, field.name, value);
  if (matches.length > 1) return multipleChoices(request, object, matches);
  switch (request.method) {
    case 'PATCH':
      return upsert(request, context, object, field.name, value, matches.length > 0);
    case 'GET': {
      const record = matches[0];
      if (!record) throw apiErrors.notFound();
      return { status: 200, body: toRestRecord(object, record, request.version, fieldList(object, request.query.get('fields'))) };
    }
    case 'DELETE': {
      const record = matches[0];
      if (!record) throw apiErrors.notFound();
      const [result] = writeAs(request, () => org.delete([record.Id as string], { userId: request.session.userId }));
      return result?.success ? { status: 204 } : apiErrors.fromSaveErrors(result?.errors ?? []);
    }
    default:
      throw apiErrors.methodNotAllowed(request.method, ['GET', 'HEAD', 'PATCH', 'DELETE']);
  }
}

function upsert(request: ApiRequest, context: RestContext, object: SObjectSchema, field: string, value: string, matched: boolean): ApiResponse {
  // `?updateOnly=true` (newer API versions): update a matching record, never create one.
  if (!matched && request.query.get('updateOnly') === 'true') throw apiErrors.notFound();
  // The key comes from the URL; a copy of it in the body would be redundant, so the URL's value wins.
  const input = { ...bodyObject(request.body), [field]: value };
  const [result] = writeAs(request, () => context.org.upsert(object.name, field, [input], { userId: request.session.userId }));
  if (!result?.success) {
    const notFound = result?.errors.some((error) => error.statusCode === 'NOT_FOUND');
    return notFound ? apiErrors.notFound().toResponse() : apiErrors.fromSaveErrors(result?.errors ?? []);
  }
  const withCreated = Number.parseFloat(request.version) >= UPSERT_BODY_SINCE;
  if (result.created) return { status: 201, body: { id: result.id, success: true, errors: [], ...(withCreated ? { created: true } : {}) } };
  return withCreated ? { status: 200, body: { id: result.id, success: true, errors: [], created: false } } : { status: 204 };
}

function multipleChoices(request: ApiRequest, object: SObjectSchema, matches: SObjectRecord[]): ApiResponse {
  return { status: 300, body: matches.map((record) => recordUrl(request.version, object.name, record.Id as string)) };
}
