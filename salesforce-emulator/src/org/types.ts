/**
 * The in-memory org's public contract. The REST layer, the query engine, Bulk API 2.0 and Change Data Capture all
 * program against `Org`; keep it stable.
 *
 * Records are plain objects keyed by each field's API name with Salesforce's spelling. A stored record carries every
 * field of its object (null when empty), so readers never need the schema to tell "empty" from "unknown".
 * Datetimes are strings in Salesforce's REST form (`2024-05-01T09:30:00.000+0000`), dates `YYYY-MM-DD`, times
 * `HH:mm:ss.SSSZ`; numbers are numbers, checkboxes booleans.
 */
import type { OrgSchema } from '../metadata/types.ts';

/** A field value as stored and served. */
export type FieldValue = string | number | boolean | null;

/** A record as stored: every field of its object, `Id` always present. Never mutate one you were given. */
export type SObjectRecord = Readonly<Record<string, FieldValue>>;

/**
 * Field values sent by a client for create, update or upsert. Names resolve case-insensitively. Values arrive as
 * JSON (numbers, booleans, strings) or as CSV text (Bulk API): strings are converted to the field's type, and an
 * `attributes` key (REST's `{ type, url }`) is ignored.
 */
export type RecordInput = Readonly<Record<string, unknown>>;

/** One error of one record, as Salesforce reports it in DML and collection results. */
export interface SaveError {
  /** e.g. `REQUIRED_FIELD_MISSING`, `DUPLICATE_VALUE`, `ALL_OR_NONE_OPERATION_ROLLED_BACK`. */
  statusCode: string;
  message: string;
  /** Field API names involved; empty when the error concerns the record as a whole. */
  fields: string[];
}

/** The result of one record of an insert, update, delete or undelete (`SaveResult`, `DeleteResult`). */
export interface SaveResult {
  /** The record's 18-character ID; null when an insert failed or the given ID could not be read. */
  id: string | null;
  success: boolean;
  errors: SaveError[];
}

/** The result of one record of an upsert (`UpsertResult`). */
export interface UpsertResult extends SaveResult {
  /** True when the upsert inserted a record; false when it updated one (or failed). */
  created: boolean;
}

/** Options of every DML call. */
export interface DmlOptions {
  /**
   * When true, any failing record fails the whole call: nothing is written, and records that were fine report
   * `ALL_OR_NONE_OPERATION_ROLLED_BACK`. When false, good records are saved and bad ones report their errors.
   * Default: false (the REST collections default; Bulk API is always false).
   */
  allOrNone?: boolean;
  /** The user making the change, for CreatedById/LastModifiedById and CDC's commitUser. Default: the org's integration user. */
  userId?: string;
}

/** Options of `delete`. */
export interface DeleteOptions extends DmlOptions {
  /** Skip the recycle bin (Bulk API `hardDelete`): the record is gone and cannot be undeleted. Default: false. */
  hard?: boolean;
}

/** Options of reads. */
export interface ReadOptions {
  /** Include records in the recycle bin (`queryAll`, `IsDeleted = true`). Default: false. */
  includeDeleted?: boolean;
}

/** The kind of change, as Change Data Capture names it in `ChangeEventHeader.changeType`. */
export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';

/** One record's change within a committed transaction. */
export interface RecordChange {
  /** Object API name, e.g. `Lead`. CDC publishes it on `/data/LeadChangeEvent`. */
  entityName: string;
  changeType: ChangeType;
  /** The record's 18-character ID (CDC's `recordIds` may group several records with identical changes). */
  recordId: string;
  /**
   * Fields whose value changed, Salesforce spelling. For CREATE: every non-null field. For DELETE and UNDELETE:
   * empty (Salesforce sends no field values for those).
   */
  changedFields: string[];
  /** Fields set to null by this change (CDC's `nulledFields`). */
  nulledFields: string[];
  /** The record after the change (before it, for DELETE). */
  record: SObjectRecord;
  /** Position of this change within its transaction, starting at 1 (CDC's `sequenceNumber`). */
  sequenceNumber: number;
}

/** Everything one transaction wrote, delivered once it commits (never for a rolled-back transaction). */
export interface ChangeBatch {
  /** A UUID shared by every change of the transaction (CDC's `transactionKey`). */
  transactionKey: string;
  /** Commit time in epoch milliseconds (CDC's `commitTimestamp`). */
  commitTimestamp: number;
  /** Increases by one per committed transaction (CDC's `commitNumber`). */
  commitNumber: number;
  /** The user who made the change (CDC's `commitUser`). */
  commitUser: string;
  /** In the order they happened. */
  changes: RecordChange[];
}

/** Called synchronously after each commit. A listener that throws does not undo the commit. */
export type ChangeListener = (batch: ChangeBatch) => void;

/** A record in the recycle bin, for `getDeleted`. */
export interface DeletedRecordInfo {
  id: string;
  /** Salesforce datetime string. */
  deletedDate: string;
}

/** The in-memory org. */
export interface Org {
  /** The org's schema (objects, fields, relationships). */
  readonly schema: OrgSchema;
  /** The 18-character organization ID (`00D…`). */
  readonly orgId: string;
  /** The 18-character ID of the integration user the API logs in as. */
  readonly defaultUserId: string;
  /** The clock every timestamp comes from (injectable for tests). */
  now(): Date;

  // --- writes (each call is one transaction unless inside `transaction`) -------------------------------------

  /** Creates records of one object. */
  insert(type: string, records: readonly RecordInput[], options?: DmlOptions): SaveResult[];
  /** Updates records of one object; each input carries `Id` (15 or 18 characters). */
  update(type: string, records: readonly RecordInput[], options?: DmlOptions): SaveResult[];
  /**
   * Updates the record whose `externalIdField` equals the input's value, or inserts one when none does. Several
   * matches fail the record with `DUPLICATE_EXTERNAL_ID` (the REST layer answers 300 for a single upsert).
   * `externalIdField` may be `Id`.
   */
  upsert(type: string, externalIdField: string, records: readonly RecordInput[], options?: DmlOptions): UpsertResult[];
  /** Moves records (any objects) to the recycle bin, cascading to master-detail children. */
  delete(ids: readonly string[], options?: DeleteOptions): SaveResult[];
  /** Restores records (any objects) from the recycle bin, with the children their deletion cascaded to. */
  undelete(ids: readonly string[], options?: DmlOptions): SaveResult[];
  /**
   * Runs `work` as one transaction: every DML call inside joins it, change listeners hear one batch at the end,
   * and if `work` throws, every write inside is undone and the error rethrown. Used by `/composite` with allOrNone.
   * Nested calls join the outer transaction; a throw out of a nested call undoes only what it wrote.
   */
  transaction<T>(work: () => T, options?: { userId?: string }): T;

  // --- reads --------------------------------------------------------------------------------------------------

  /** The record with this ID (15 or 18 characters, any object); undefined when unknown, malformed or deleted (unless asked). */
  get(id: string, options?: ReadOptions): SObjectRecord | undefined;
  /** The records of one object in creation order. Iterating while writing is not supported: copy first. */
  records(type: string, options?: ReadOptions): Iterable<SObjectRecord>;
  /** How many records an object has (without the recycle bin unless asked). */
  count(type: string, options?: ReadOptions): number;
  /** The records of `childType` whose reference `field` holds `parentId`: child subqueries without a scan. */
  children(childType: string, field: string, parentId: string, options?: ReadOptions): SObjectRecord[];
  /** The records of an object whose `field` equals `value` (case-insensitive for text): upsert and uniqueness use an index. */
  findBy(type: string, field: string, value: FieldValue, options?: ReadOptions): SObjectRecord[];
  /** Records of an object in the recycle bin deleted within [start, end] (epoch ms), for `getDeleted`. */
  deleted(type: string, start: number, end: number): DeletedRecordInfo[];

  // --- change data capture -------------------------------------------------------------------------------------

  /** Subscribes to committed changes; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void;

  // --- lifecycle -------------------------------------------------------------------------------------------------

  /** Everything the org holds, as JSON-safe data (for the snapshot file). */
  exportData(): OrgData;
  /** Replaces all records with a snapshot's (no change events). */
  importData(data: OrgData): void;
  /** Removes every record and re-seeds the standard data (no change events). */
  reset(): void;
}

/** The org's records as written to the snapshot file (`SF_EMULATOR_SNAPSHOT`). */
export interface OrgData {
  version: 1;
  orgId: string;
  /** Next value of the ID counter, so IDs stay unique across restarts. */
  nextIdNumber: number;
  commitNumber: number;
  records: { type: string; fields: Record<string, FieldValue>; deletedDate?: string; deletedWith?: string }[];
}
