/**
 * `GET /sobjects/{T}/updated` and `/deleted` (getUpdated, getDeleted): the IDs changed or deleted in a window.
 * Salesforce rounds both ends down to the minute and never covers the minute in progress, so a poller that starts
 * its next window at `latestDateCovered` misses nothing and sees nothing twice.
 */
import { formatDateTime, parseDateTime } from '../../org/datetime.ts';
import { ApiError, apiErrors } from '../errors.ts';
import type { ApiRequest, ApiResponse, RestContext } from '../types.ts';
import { objectFromPath } from './paths.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** getUpdated looks back 30 days at most; getDeleted 15 days (the recycle bin). */
const UPDATED_DAYS = 30;
const DELETED_DAYS = 15;

export function handleReplication(request: ApiRequest, context: RestContext, type: string, kind: 'updated' | 'deleted'): ApiResponse {
  if (request.method !== 'GET') throw apiErrors.methodNotAllowed(request.method, ['GET', 'HEAD']);
  const object = objectFromPath(context.org, type);
  if (!object.describe.replicateable) throw new ApiError(400, 'INVALID_TYPE', `sObject type '${object.name}' is not supported.`);
  const now = context.org.now().getTime();
  const start = floorMinute(dateParam(request, 'start'));
  const end = Math.min(floorMinute(dateParam(request, 'end')), floorMinute(now));
  const days = kind === 'updated' ? UPDATED_DAYS : DELETED_DAYS;
  if (start < now - days * DAY) throw replicationError(`startDate cannot be more than ${days} days ago`);
  if (dateParam(request, 'end') <= dateParam(request, 'start')) {
    throw replicationError('startDate must chronologically precede endDate by more than one minute');
  }
  const latestDateCovered = formatDateTime(new Date(Math.max(end, start)));
  if (kind === 'updated') {
    const ids: string[] = [];
    for (const record of context.org.records(object.name)) {
      const stamp = parseDateTime(record.SystemModstamp as string);
      if (stamp >= start && stamp < end) ids.push(record.Id as string);
    }
    return { status: 200, body: { ids, latestDateCovered } };
  }
  const deletedRecords = context.org.deleted(object.name, start, end - 1);
  return { status: 200, body: { deletedRecords, earliestDateAvailable: formatDateTime(new Date(floorMinute(now - DELETED_DAYS * DAY))), latestDateCovered } };
}

function dateParam(request: ApiRequest, name: string): number {
  const value = request.query.get(name);
  if (value === null || value === '') throw new ApiError(400, 'MISSING_ARGUMENT', `${name} parameter is required`);
  const millis = parseDateTime(value);
  if (Number.isNaN(millis)) throw new ApiError(400, 'INVALID_REPLICATION_DATE', `${name} is not a valid dateTime: ${value}`);
  return millis;
}

function floorMinute(millis: number): number {
  return Math.floor(millis / MINUTE) * MINUTE;
}

function replicationError(message: string): ApiError {
  return new ApiError(400, 'INVALID_REPLICATION_DATE', message);
}
