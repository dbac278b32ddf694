/**
 * `/sobjects`: describeGlobal, an object's basic information and create, its describe, and one record by ID.
 */
import { describeGlobal, describeSObject, globalEntry } from '../../metadata/describe.ts';
import { apiErrors } from '../errors.ts';
import type { ApiRequest, ApiResponse, RestContext } from '../types.ts';
import { bodyObject, fieldList, idFromPath, liveRecord, objectFromPath } from './paths.ts';
import { toRestRecord } from './recordJson.ts';
import { writeAs } from './writeAs.ts';

/** `GET /sobjects` */
export function handleDescribeGlobal(request: ApiRequest, context: RestContext): ApiResponse {
  if (request.method !== 'GET') throw apiErrors.methodNotAllowed(request.method, ['GET', 'HEAD']);
  return { status: 200, body: describeGlobal(context.org.schema, request.version) };
}

/** `GET /sobjects/{T}/describe` */
export function handleDescribe(request: ApiRequest, context: RestContext, type: string): ApiResponse {
  if (request.method !== 'GET') throw apiErrors.methodNotAllowed(request.method, ['GET', 'HEAD']);
  return { status: 200, body: describeSObject(objectFromPath(context.org, type), request.version) };
}

/** `GET /sobjects/{T}` (basic information and recent items) and `POST /sobjects/{T}` (create). */
export function handleSObjectRoot(request: ApiRequest, context: RestContext, type: string): ApiResponse {
  const object = objectFromPath(context.org, type);
  if (request.method === 'GET') {
    const recent = [...context.org.records(object.name)].slice(-10).reverse();
    const nameField = object.nameField;
    const recentItems = recent.map((record) => toRestRecord(object, record, request.version, nameField ? [object.fields[0]!, nameField] : [object.fields[0]!]));
    return { status: 200, body: { objectDescribe: globalEntry(object, request.version), recentItems } };
  }
  if (request.method !== 'POST') throw apiErrors.methodNotAllowed(request.method, ['GET', 'HEAD', 'POST']);
  const input = bodyObject(request.body);
  const [result] = writeAs(request, () => context.org.insert(object.name, [input], { userId: request.session.userId }));
  if (!result?.success) return apiErrors.fromSaveErrors(result?.errors ?? []);
  return { status: 201, body: { id: result.id, success: true, errors: [] } };
}

/** `GET|PATCH|DELETE /sobjects/{T}/{id}` */
export function handleRecord(request: ApiRequest, context: RestContext, type: string, rawId: string): ApiResponse {
  const { org } = context;
  const object = objectFromPath(org, type);
  // Since API 37.0, POST /sobjects/{T}/Id creates: an upsert by Id whose value is null.
  if (rawId === 'Id' && request.method === 'POST') return handleSObjectRoot(request, context, type);
  const id = idFromPath(object, rawId);
  switch (request.method) {
    case 'GET': {
      const fields = fieldList(object, request.query.get('fields'));
      const record = liveRecord(org, object, id);
      const withId = fields && !fields.some((field) => field.name === 'Id') ? [...fields, object.fieldsByName.get('id')!] : fields;
      return { status: 200, body: toRestRecord(object, record, request.version, withId) };
    }
    case 'PATCH': {
      liveRecord(org, object, id);
      const input = { ...bodyObject(request.body), Id: id };
      const [result] = writeAs(request, () => org.update(object.name, [input], { userId: request.session.userId }));
      return result?.success ? { status: 204 } : apiErrors.fromSaveErrors(result?.errors ?? []);
    }
    case 'DELETE': {
      liveRecord(org, object, id);
      const [result] = writeAs(request, () => org.delete([id], { userId: request.session.userId }));
      return result?.success ? { status: 204 } : apiErrors.fromSaveErrors(result?.errors ?? []);
    }
    default:
      throw apiErrors.methodNotAllowed(request.method, ['GET', 'HEAD', 'PATCH', 'DELETE']);
  }
}
