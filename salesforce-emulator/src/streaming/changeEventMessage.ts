/**
 * Builds the JSON a CometD client receives for one record change (Change Data Capture Developer Guide: Change Event
 * Message Structure, Change Event Body Fields, Change Event Header Fields):
 *
 * - CREATE and UNDELETE carry every non-empty field plus system fields (CreatedDate, OwnerId…);
 * - UPDATE carries only the changed fields (nulled ones as null), LastModifiedDate among them;
 * - DELETE carries no field;
 * - never Id (it is in `recordIds`), IsDeleted, SystemModstamp or formula fields;
 * - compound fields (Name, addresses) nest their components and list them as `BillingAddress.City`;
 * - datetimes are ISO strings in UTC (`…Z`), as CometD delivers them.
 */
import { createHash } from 'node:crypto';
import type { DescribeField, SObjectSchema } from '../metadata/types.ts';
import type { ChangeBatch, RecordChange } from '../org/types.ts';

/** `ChangeEventHeader` as CometD delivers it. */
export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: RecordChange['changeType'];
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
  nulledFields: string[];
  diffFields: string[];
  changedFields: string[];
}

/** The `data` of a change event message on `/data/…ChangeEvent`. */
export interface ChangeEventData {
  schema: string;
  payload: { ChangeEventHeader: ChangeEventHeader } & Record<string, unknown>;
  event: { replayId: number };
}

const NEVER_SENT = new Set(['id', 'isdeleted', 'systemmodstamp']);

export function changeEventData(object: SObjectSchema | undefined, batch: ChangeBatch, change: RecordChange, origin: string, replayId: number): ChangeEventData {
  const fields = object?.fields ?? [];
  const byName = object?.fieldsByName;
  const sent = (name: string) => {
    const field = byName?.get(name.toLowerCase());
    return field !== undefined && isSent(field);
  };
  let bodyFields: DescribeField[];
  switch (change.changeType) {
    case 'CREATE':
    case 'UNDELETE':
      bodyFields = fields.filter((f) => isSent(f) && change.record[f.name] !== null && change.record[f.name] !== undefined);
      break;
    case 'UPDATE': {
      const changed = new Set(change.changedFields.filter(sent).map((n) => n.toLowerCase()));
      bodyFields = fields.filter((f) => changed.has(f.name.toLowerCase()));
      break;
    }
    default:
      bodyFields = [];
  }
  const payload: ChangeEventData['payload'] = {
    ChangeEventHeader: {
      entityName: change.entityName,
      recordIds: [change.recordId],
      changeType: change.changeType,
      changeOrigin: origin,
      transactionKey: batch.transactionKey,
      sequenceNumber: change.sequenceNumber,
      commitTimestamp: batch.commitTimestamp,
      commitNumber: batch.commitNumber,
      commitUser: batch.commitUser,
      nulledFields: change.changeType === 'UPDATE' ? change.nulledFields.filter(sent).map((n) => eventFieldName(byName?.get(n.toLowerCase()), n)) : [],
      diffFields: [],
      changedFields: change.changeType === 'UPDATE' ? bodyFields.map((f) => eventFieldName(f, f.name)) : [],
    },
  };
  for (const field of bodyFields) {
    const value = eventValue(field, change.record[field.name] ?? null);
    const compound = field.compoundFieldName;
    if (compound) {
      const nested = (payload[compound] ??= {}) as Record<string, unknown>;
      nested[componentName(field)] = value;
    } else {
      payload[field.name] = value;
    }
  }
  return { schema: schemaId(change.entityName, fields), payload, event: { replayId } };
}

/** The channel of an object's change events: `/data/AccountChangeEvent`, `/data/Vehicle__ChangeEvent` for `Vehicle__c`. */
export function changeEventChannel(objectName: string): string {
  return `/data/${objectName.endsWith('__c') ? `${objectName.slice(0, -3)}__` : objectName}ChangeEvent`;
}

function isSent(field: DescribeField): boolean {
  return !NEVER_SENT.has(field.name.toLowerCase()) && !field.calculated && field.type !== 'address' && field.type !== 'location';
}

/** `BillingAddress.City` for a compound component, the field name otherwise. */
function eventFieldName(field: DescribeField | undefined, fallback: string): string {
  return field?.compoundFieldName ? `${field.compoundFieldName}.${componentName(field)}` : (field?.name ?? fallback);
}

/** `BillingCity` → `City` under `BillingAddress`; `Loc__Latitude__s` → `Latitude`; `FirstName` stays under `Name`. */
function componentName(field: DescribeField): string {
  const compound = field.compoundFieldName ?? '';
  const geo = /__(Latitude|Longitude)__s$/.exec(field.name);
  if (geo?.[1]) return geo[1];
  if (compound.endsWith('Address')) {
    const prefix = compound.slice(0, -'Address'.length);
    if (prefix && field.name.startsWith(prefix)) return field.name.slice(prefix.length);
  }
  return field.name;
}

function eventValue(field: DescribeField, value: unknown): unknown {
  if (field.type === 'datetime' && typeof value === 'string' && value.endsWith('+0000')) return `${value.slice(0, -5)}Z`;
  return value;
}

const schemaIds = new Map<string, string>();

/** A stable opaque schema ID per object shape (Salesforce's is the Avro schema's fingerprint). */
function schemaId(entity: string, fields: readonly DescribeField[]): string {
  const key = `${entity}:${fields.map((f) => `${f.name}/${f.type}`).join(',')}`;
  let id = schemaIds.get(key);
  if (!id) {
    id = createHash('md5').update(key).digest('base64url');
    schemaIds.set(key, id);
  }
  return id;
}
