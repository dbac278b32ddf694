import type { Queryable } from '../store/store.ts';
/**
 * Mappings are declarations: a subgraph says which local table mirrors which sObject, field by field, in which
 * direction, with which external ID and conflict policy. The engine checks them against the org's `describe` at start
 * and knows nothing else about the domain.
 */
import type { FieldConverter, SfValue } from './convert.ts';

/** Which way records flow. `both` mirrors each side's changes to the other. */
export type SyncDirection = 'inbound' | 'outbound' | 'both';

/**
 * What happens to a record changed on both sides since the last sync, for the fields both sides changed to
 * different values (fields only one side changed are merged either way):
 * - `salesforce_wins`: Salesforce's values are kept; the local ones are overwritten.
 * - `local_wins`: the local values are kept and pushed to Salesforce.
 * - `newest_wins`: the side changed last wins (Salesforce's `SystemModstamp` against the local change's time).
 * - `manual`: the record is held (neither applied nor pushed) until an admin resolves the conflict.
 * Every conflict is recorded with both versions and the base, whatever the policy.
 */
export type ConflictPolicy = 'salesforce_wins' | 'local_wins' | 'newest_wins' | 'manual';

export interface FieldMapping {
  /** The Salesforce field's API name, e.g. `LastName`, `AccountId`. */
  sf: string;
  /** The local column. */
  column: string;
  /**
   * How values convert between the column and the field. Default: chosen from the field's describe type (text,
   * number, integer, boolean, date, datetime). Required for picklists whose values differ from the column's.
   */
  convert?: FieldConverter;
  /**
   * The mapping of the parent this field points at (a lookup or master-detail): the value travels as the parent's
   * Salesforce Id one way and as its local id the other, resolved through the parent's links. The parent is synced
   * before this mapping.
   */
  reference?: string;
  /**
   * A lookup to a record another subgraph mirrors with its own engine (e.g. CRM's Opportunity, for a CPQ quote): the
   * parent's sObject. The column holds the parent's local id, which is its external ID in Salesforce, so the value
   * travels through the relationship by external ID both ways (read as `SBQQ__Opportunity2__r.L2C_Id__c`, written as
   * `"SBQQ__Opportunity2__r": { "L2C_Id__c": "…" }`): never through this engine's links, never by reading the other
   * subgraph's store. A parent Salesforce has but no subgraph has synced yet (no external ID) fails the record with
   * `PARENT_NOT_SYNCED`; a push naming a parent Salesforce does not have yet stays queued for the next run.
   */
  externalReference?: string;
  /** Restricts the field to one direction (within the mapping's). Default: the mapping's direction. */
  direction?: SyncDirection;
  /**
   * The local value written when Salesforce has none (for local NOT NULL columns Salesforce leaves empty), on
   * inbound only; pushing the record sends the converted local value as usual.
   */
  inboundDefault?: unknown;
}

export interface SyncMapping {
  /** Unique within the engine; names the object in jobs, state and the surfaces. Usually the sObject name. */
  name: string;
  sObject: string;
  /** The local table (the subgraph's own). */
  table: string;
  /** The table's primary key column; text. Default `id`. */
  key?: string;
  /**
   * The Salesforce external ID field (unique, `externalId: true`) that carries the local id: pushes upsert by it, so a
   * retried push never duplicates a record, and records created locally are recognised when they come back.
   */
  externalId: string;
  direction: SyncDirection;
  conflictPolicy: ConflictPolicy;
  fields: FieldMapping[];
  /**
   * Values for local columns no field fills, written when a record born in Salesforce is inserted locally (NOT NULL
   * columns Salesforce has no field for, e.g. a product type on opportunity line items). Default: none.
   */
  insertDefaults?: Record<string, unknown>;
  /**
   * Fixed values every record this sync creates in Salesforce carries, for fields the org requires or reads that no
   * column holds (e.g. an approval's `sbaa__RecordField__c`). Sent on create only, never compared. Default: none.
   */
  constants?: Record<string, SfValue>;
  /** A column set to `now()` when an inbound change updates a row (e.g. `updated_at`). Default: none. */
  touchColumn?: string;
  /**
   * How inbound incremental syncs see deletions: `queryAll` (deleted rows come with `IsDeleted = true` in the same
   * query as the changes; one call) or `getDeleted` (the `/deleted` resource, for objects queryAll does not cover).
   * Default `queryAll`.
   */
  deletes?: 'queryAll' | 'getDeleted';
  /** A SOQL condition that limits which Salesforce records are mirrored, e.g. `Type = 'Dealer'`. Default: all. */
  where?: string;
  /** The local id given to a record born in Salesforce (one without an external ID value). Default: a random UUID. */
  newLocalId?: () => string;
  /**
   * Called in the transaction that applies a page of inbound changes, after the local rows are written: the subgraph
   * records its domain events there, so a change that came from Salesforce is heard by subscribers like one made in
   * the graph. `before` holds the rows as they were. Default: none.
   */
  onInboundWrite?: (tx: Queryable, written: InboundWrites) => Promise<void>;
}

/** The local rows one inbound page changed (rows the store refused are left out). */
export interface InboundWrites {
  inserted: string[];
  updated: { localId: string; before: Record<string, unknown> }[];
  deleted: { localId: string; before: Record<string, unknown> }[];
}

/** Thrown at start when mappings do not fit the org or each other; lists every problem, object and field named. */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  constructor(readonly problems: string[]) {
    super(`sync mappings refused:\n- ${problems.join('\n- ')}`);
  }
}

/** A mapped field's values as both sides agreed on them, keyed by Salesforce field name. */
export type SfValues = Record<string, SfValue>;

/** Declares a mapping (identity: typed and documented in one place). */
export function defineMapping(mapping: SyncMapping): SyncMapping {
  return mapping;
}

/** Whether a field (or mapping) flows inbound. */
export function flowsIn(direction: SyncDirection): boolean {
  return direction !== 'outbound';
}

/** Whether a field (or mapping) flows outbound. */
export function flowsOut(direction: SyncDirection): boolean {
  return direction !== 'inbound';
}

/** The field's effective direction within its mapping. */
export function fieldDirection(mapping: SyncMapping, field: FieldMapping): SyncDirection {
  const own = field.direction ?? mapping.direction;
  if (mapping.direction === 'both') return own;
  return own === mapping.direction || own === 'both' ? mapping.direction : own === 'inbound' ? 'inbound' : 'outbound';
}
