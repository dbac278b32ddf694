import type { DescribeField, SObjectSchema } from '../metadata/types.ts';
import type { FieldValue } from './types.ts';

/** One stored record. Entries are replaced, never mutated, so a record handed to a reader never changes under it. */
export interface Entry {
  readonly object: SObjectSchema;
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Epoch ms when the record went to the recycle bin. */
  readonly deletedAt?: number;
  /** The record whose deletion cascaded to this one; undeleting that record restores this one. */
  readonly deletedWith?: string;
}

/**
 * Records by ID and by object, with value indexes on the fields that are looked up by value (references for child
 * lookups, external IDs and unique fields for upsert and uniqueness), and a journal of every change so a transaction
 * or an allOrNone call can roll back to a savepoint.
 */
export class RecordStore {
  private readonly byId = new Map<string, Entry>();
  private readonly byType = new Map<string, Map<string, Entry>>();
  /** Per indexed field (field objects are unique to their object): value key → IDs. */
  private readonly indexes = new Map<DescribeField, Map<string, Set<string>>>();
  private readonly journal: { id: string; before: Entry | undefined }[] = [];

  get(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  /** The entries of one object in creation order (deleted ones included). */
  ofType(object: SObjectSchema): ReadonlyMap<string, Entry> {
    return this.byType.get(object.name.toLowerCase()) ?? EMPTY;
  }

  /** Creates or replaces an entry, journaled. */
  put(entry: Entry): void {
    const id = entry.fields.Id as string;
    this.journal.push({ id, before: this.byId.get(id) });
    this.replace(id, entry);
  }

  /** Removes an entry for good (hard delete), journaled. */
  remove(id: string): void {
    this.journal.push({ id, before: this.byId.get(id) });
    this.replace(id, undefined);
  }

  /** IDs of entries of `object` whose indexed `field` holds `value` (text compared case-insensitively unless the field is case-sensitive). */
  lookup(object: SObjectSchema, field: DescribeField, value: FieldValue): string[] {
    if (value === null) return [];
    const index = this.indexes.get(field);
    if (index) return [...(index.get(indexKey(field, value)) ?? [])];
    const key = indexKey(field, value);
    const ids: string[] = [];
    for (const [id, entry] of this.ofType(object)) {
      const current = entry.fields[field.name];
      if (current !== null && current !== undefined && indexKey(field, current) === key) ids.push(id);
    }
    return ids;
  }

  /** A point to roll back to. */
  savepoint(): number {
    return this.journal.length;
  }

  /** Undoes every change since `mark`, newest first. */
  rollbackTo(mark: number): void {
    while (this.journal.length > mark) {
      const step = this.journal.pop();
      if (step) this.replace(step.id, step.before);
    }
  }

  /** Forgets the journal (after the outermost transaction commits). */
  clearJournal(): void {
    this.journal.length = 0;
  }

  /** Empties the store without journaling (reset, snapshot import). */
  clear(): void {
    this.byId.clear();
    this.byType.clear();
    this.indexes.clear();
    this.journal.length = 0;
  }

  private replace(id: string, entry: Entry | undefined): void {
    const previous = this.byId.get(id);
    if (previous && entry && previous.object === entry.object) {
      this.reindex(id, previous, entry);
      this.byId.set(id, entry);
      this.byType.get(entry.object.name.toLowerCase())?.set(id, entry);
      return;
    }
    if (previous) this.unindex(id, previous);
    if (!entry) {
      this.byId.delete(id);
      if (previous) this.byType.get(previous.object.name.toLowerCase())?.delete(id);
      return;
    }
    this.byId.set(id, entry);
    const typeKey = entry.object.name.toLowerCase();
    let entries = this.byType.get(typeKey);
    if (!entries) this.byType.set(typeKey, (entries = new Map()));
    entries.set(id, entry);
    this.index(id, entry);
  }

  /** Moves the ID between index keys only for the indexed fields whose value changed. */
  private reindex(id: string, previous: Entry, entry: Entry): void {
    for (const field of indexedFields(entry.object)) {
      const before = previous.fields[field.name];
      const after = entry.fields[field.name];
      if (before === after) continue;
      if (before !== null && before !== undefined) this.removeKey(field, before, id);
      if (after !== null && after !== undefined) this.addKey(field, after, id);
    }
  }

  private index(id: string, entry: Entry): void {
    for (const field of indexedFields(entry.object)) {
      const value = entry.fields[field.name];
      if (value !== null && value !== undefined) this.addKey(field, value, id);
    }
  }

  private unindex(id: string, entry: Entry): void {
    for (const field of indexedFields(entry.object)) {
      const value = entry.fields[field.name];
      if (value !== null && value !== undefined) this.removeKey(field, value, id);
    }
  }

  private addKey(field: DescribeField, value: FieldValue, id: string): void {
    let index = this.indexes.get(field);
    if (!index) this.indexes.set(field, (index = new Map()));
    const key = indexKey(field, value);
    let ids = index.get(key);
    if (!ids) index.set(key, (ids = new Set()));
    ids.add(id);
  }

  private removeKey(field: DescribeField, value: FieldValue, id: string): void {
    const index = this.indexes.get(field);
    const key = indexKey(field, value);
    const ids = index?.get(key);
    ids?.delete(id);
    if (ids && ids.size === 0) index?.delete(key);
  }
}

const EMPTY: ReadonlyMap<string, Entry> = new Map();
const indexedByObject = new WeakMap<SObjectSchema, DescribeField[]>();

/** Fields looked up by value: references (child lookups), external IDs, unique and idLookup fields. */
function indexedFields(object: SObjectSchema): DescribeField[] {
  let fields = indexedByObject.get(object);
  if (!fields) {
    fields = object.fields.filter((field) => field.type === 'reference' || field.externalId || field.unique || (field.idLookup && field.type !== 'id'));
    indexedByObject.set(object, fields);
  }
  return fields;
}

function indexKey(field: DescribeField, value: FieldValue): string {
  const text = String(value);
  return field.caseSensitive || field.type === 'reference' || field.type === 'id' ? text : text.toLowerCase();
}
