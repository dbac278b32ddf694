import type { DescribeField, OrgSchema, SObjectSchema } from '../metadata/types.ts';
import { formatDateTime } from './datetime.ts';
import type { SaveContext } from './finishRecord.ts';
import type { IdGenerator } from './ids.ts';
import type { RecordStore } from './recordStore.ts';
import type { ChangeListener, FieldValue, RecordChange, SObjectRecord } from './types.ts';

/** The transaction in progress: every DML call joins the outermost one. */
export interface Transaction {
  readonly key: string;
  readonly userId: string;
  readonly changes: RecordChange[];
}

/** The org's internals, shared by the DML functions and the public facade. */
export interface OrgState {
  readonly schema: OrgSchema;
  readonly store: RecordStore;
  readonly ids: IdGenerator;
  readonly now: () => Date;
  orgId: string;
  defaultUserId: string;
  commitNumber: number;
  readonly autoNumbers: Map<string, number>;
  readonly listeners: Set<ChangeListener>;
  transaction: Transaction | undefined;
}

/** The context one DML call saves records with. */
export function saveContext(state: OrgState, userId: string): SaveContext {
  const timestamp = formatDateTime(state.now());
  return {
    store: state.store,
    timestamp,
    userId,
    get: (id) => liveRecord(state, id),
    findOne: (type, fieldName, value) => {
      const object = state.schema.object(type);
      const field = object?.fieldsByName.get(fieldName.toLowerCase());
      if (!object || !field) return undefined;
      const id = state.store.lookup(object, field, value).find((candidate) => state.store.get(candidate)?.deletedAt === undefined);
      return id === undefined ? undefined : state.store.get(id)?.fields;
    },
    nextAutoNumber: (object: SObjectSchema, field: DescribeField) => {
      const key = `${object.name}.${field.name}`;
      const next = (state.autoNumbers.get(key) ?? 0) + 1;
      state.autoNumbers.set(key, next);
      return String(next).padStart(8, '0');
    },
  };
}

function liveRecord(state: OrgState, id: string): SObjectRecord | undefined {
  const entry = state.store.get(id);
  return entry && entry.deletedAt === undefined ? entry.fields : undefined;
}

/** Records a change in the current transaction. */
export function recordChange(state: OrgState, change: Omit<RecordChange, 'sequenceNumber'>): void {
  const changes = state.transaction?.changes;
  if (changes) changes.push({ ...change, sequenceNumber: changes.length + 1 });
}

/** The fields that differ between two states of a record. */
export function diffFields(before: SObjectRecord, after: SObjectRecord): { changed: string[]; nulled: string[] } {
  const changed: string[] = [];
  const nulled: string[] = [];
  for (const [name, value] of Object.entries(after)) {
    if (before[name] === value) continue;
    changed.push(name);
    if (value === null) nulled.push(name);
  }
  return { changed, nulled };
}

/** The non-null fields of a new record, as CDC lists them for CREATE. */
export function presentFields(record: Readonly<Record<string, FieldValue>>): string[] {
  return Object.keys(record).filter((name) => record[name] !== null);
}
