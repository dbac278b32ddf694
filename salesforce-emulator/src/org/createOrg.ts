import { randomUUID } from 'node:crypto';
import type { OrgSchema, SObjectSchema } from '../metadata/types.ts';
import { formatDateTime } from './datetime.ts';
import { deleteRecords, undeleteRecords } from './deletion.ts';
import { insertRecords, updateRecords, upsertRecords } from './dml.ts';
import { IdGenerator, normalizeId } from './ids.ts';
import type { OrgState } from './orgState.ts';
import { RecordStore } from './recordStore.ts';
import { standardRecords, type SeedUser } from './seed.ts';
import type { ChangeBatch, FieldValue, Org, OrgData, ReadOptions, SObjectRecord } from './types.ts';

export interface CreateOrgOptions {
  /** The org's objects (`loadMetadata()`). */
  schema: OrgSchema;
  /** The clock for every timestamp. Default: the system clock. */
  now?: () => Date;
  /** The integration user seeded into the org. Default: `integration@l2c.example`, Integration User. */
  user?: SeedUser;
}

/** Creates an empty org holding the standard records (integration user, lead statuses, stages, standard price book). */
export function createOrg(options: CreateOrgOptions): Org {
  const state: OrgState = {
    schema: options.schema,
    store: new RecordStore(),
    ids: new IdGenerator(),
    now: options.now ?? (() => new Date()),
    orgId: '',
    defaultUserId: '',
    commitNumber: 0,
    autoNumbers: new Map(),
    listeners: new Set(),
    transaction: undefined,
  };
  const seed = () => seedStandardRecords(state, options.user);
  seed();

  function transaction<T>(work: () => T, userId?: string): T {
    if (state.transaction) {
      // Nested: join the outer transaction, but a throw still undoes what this part wrote.
      const inner = state.transaction;
      const mark = state.store.savepoint();
      const changeMark = inner.changes.length;
      try {
        return work();
      } catch (error) {
        state.store.rollbackTo(mark);
        inner.changes.length = changeMark;
        throw error;
      }
    }
    const tx = { key: randomUUID(), userId: userId ?? state.defaultUserId, changes: [] };
    state.transaction = tx;
    const mark = state.store.savepoint();
    let result: T;
    try {
      result = work();
    } catch (error) {
      state.store.rollbackTo(mark);
      throw error;
    } finally {
      state.transaction = undefined;
    }
    state.store.clearJournal();
    if (tx.changes.length > 0) publish(state, { transactionKey: tx.key, commitTimestamp: state.now().getTime(), commitNumber: ++state.commitNumber, commitUser: tx.userId, changes: tx.changes });
    return result;
  }

  const objectOf = (type: string): SObjectSchema => {
    const object = state.schema.object(type);
    if (!object) throw new Error(`sObject type '${type}' is not supported.`);
    return object;
  };
  const visible = (deletedAt: number | undefined, options?: ReadOptions) => deletedAt === undefined || options?.includeDeleted === true;

  return {
    schema: state.schema,
    get orgId() {
      return state.orgId;
    },
    get defaultUserId() {
      return state.defaultUserId;
    },
    now: () => state.now(),
    insert: (type, records, options) => transaction(() => insertRecords(state, type, records, options?.allOrNone ?? false), options?.userId),
    update: (type, records, options) => transaction(() => updateRecords(state, type, records, options?.allOrNone ?? false), options?.userId),
    upsert: (type, field, records, options) => transaction(() => upsertRecords(state, type, field, records, options?.allOrNone ?? false), options?.userId),
    delete: (ids, options) => transaction(() => deleteRecords(state, ids, options?.allOrNone ?? false, options?.hard ?? false), options?.userId),
    undelete: (ids, options) => transaction(() => undeleteRecords(state, ids, options?.allOrNone ?? false), options?.userId),
    transaction: (work, options) => transaction(work, options?.userId),

    get(id, options) {
      const normalized = normalizeId(id);
      const entry = normalized === undefined ? undefined : state.store.get(normalized);
      return entry && visible(entry.deletedAt, options) ? entry.fields : undefined;
    },
    *records(type, options) {
      for (const entry of state.store.ofType(objectOf(type)).values()) if (visible(entry.deletedAt, options)) yield entry.fields;
    },
    count(type, options) {
      let count = 0;
      for (const entry of state.store.ofType(objectOf(type)).values()) if (visible(entry.deletedAt, options)) count++;
      return count;
    },
    children(childType, fieldName, parentId, options) {
      return this.findBy(childType, fieldName, normalizeId(parentId) ?? parentId, options);
    },
    findBy(type, fieldName, value, options) {
      const object = objectOf(type);
      const field = object.fieldsByName.get(fieldName.toLowerCase());
      if (!field) throw new Error(`No such column '${fieldName}' on sobject of type ${object.name}`);
      const found: SObjectRecord[] = [];
      for (const id of state.store.lookup(object, field, value)) {
        const entry = state.store.get(id);
        if (entry && visible(entry.deletedAt, options)) found.push(entry.fields);
      }
      return found;
    },
    deleted(type, start, end) {
      const found = [];
      for (const entry of state.store.ofType(objectOf(type)).values()) {
        if (entry.deletedAt !== undefined && entry.deletedAt >= start && entry.deletedAt <= end) {
          found.push({ id: entry.fields.Id as string, deletedDate: formatDateTime(new Date(entry.deletedAt)) });
        }
      }
      return found;
    },

    onChange(listener) {
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },

    exportData: () => exportData(state),
    importData(data) {
      state.store.clear();
      state.orgId = data.orgId;
      state.ids.next = data.nextIdNumber;
      state.commitNumber = data.commitNumber;
      state.autoNumbers.clear();
      for (const record of data.records) {
        const object = objectOf(record.type);
        const fields = completeFields(object, record.fields);
        const deletedAt = record.deletedDate === undefined ? undefined : Date.parse(record.deletedDate.replace(/\+0000$/, 'Z'));
        state.store.put({ object, fields, ...(deletedAt === undefined ? {} : { deletedAt }), ...(record.deletedWith ? { deletedWith: record.deletedWith } : {}) });
        trackAutoNumbers(state, object, fields);
      }
      state.store.clearJournal();
      const user = data.records.find((record) => record.type === 'User');
      state.defaultUserId = (user?.fields.Id as string | undefined) ?? state.defaultUserId;
    },
    reset() {
      state.store.clear();
      state.autoNumbers.clear();
      state.ids.next = 1;
      state.commitNumber = 0;
      seed();
    },
  };
}

function publish(state: OrgState, batch: ChangeBatch): void {
  for (const listener of state.listeners) {
    try {
      listener(batch);
    } catch {
      // A listener's failure is its own: the transaction has committed and other listeners still hear it.
    }
  }
}

/** Writes the standard records directly: setup objects cannot be inserted through the API. */
function seedStandardRecords(state: OrgState, user: SeedUser | undefined): void {
  state.orgId = state.ids.create('00D');
  const userObject = state.schema.object('User');
  state.defaultUserId = state.ids.create(userObject?.keyPrefix ?? '005');
  const stamp = formatDateTime(state.now());
  for (const { type, fields } of standardRecords(user)) {
    const object = state.schema.object(type);
    if (!object) continue;
    const id = type === 'User' ? state.defaultUserId : state.ids.create(object.keyPrefix);
    const audit = { Id: id, IsDeleted: false, CreatedDate: stamp, CreatedById: state.defaultUserId, LastModifiedDate: stamp, LastModifiedById: state.defaultUserId, SystemModstamp: stamp };
    const owner: Record<string, FieldValue> = object.owned ? { OwnerId: state.defaultUserId } : {};
    state.store.put({ object, fields: completeFields(object, { ...fields, ...audit, ...owner }) });
  }
  state.store.clearJournal();
}

/** Every field of the object, null where `fields` has none (snapshots written before a field was added still load). */
function completeFields(object: SObjectSchema, fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const record: Record<string, FieldValue> = {};
  for (const field of object.fields) record[field.name] = fields[field.name] ?? (field.type === 'boolean' ? false : null);
  return record;
}

function trackAutoNumbers(state: OrgState, object: SObjectSchema, fields: Record<string, FieldValue>): void {
  for (const field of object.fields) {
    if (!field.autoNumber) continue;
    const value = Number(fields[field.name]);
    const key = `${object.name}.${field.name}`;
    if (Number.isFinite(value) && value > (state.autoNumbers.get(key) ?? 0)) state.autoNumbers.set(key, value);
  }
}

function exportData(state: OrgState): OrgData {
  const records: OrgData['records'] = [];
  for (const object of state.schema.objects) {
    for (const entry of state.store.ofType(object).values()) {
      records.push({
        type: object.name,
        fields: { ...entry.fields },
        ...(entry.deletedAt === undefined ? {} : { deletedDate: formatDateTime(new Date(entry.deletedAt)) }),
        ...(entry.deletedWith ? { deletedWith: entry.deletedWith } : {}),
      });
    }
  }
  return { version: 1, orgId: state.orgId, nextIdNumber: state.ids.next, commitNumber: state.commitNumber, records };
}
