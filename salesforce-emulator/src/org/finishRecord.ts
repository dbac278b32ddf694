import type { DescribeField, SObjectSchema } from '../metadata/types.ts';
import { applyBehaviors, type BehaviorContext } from './behaviors.ts';
import { saveErrors } from './errors.ts';
import type { RecordStore } from './recordStore.ts';
import type { FieldValue, SaveError } from './types.ts';

/** What the org knows about the save in progress. */
export interface SaveContext extends BehaviorContext {
  store: RecordStore;
  /** Salesforce datetime string of this call. */
  timestamp: string;
  userId: string;
  /** The next auto-number of an object's field. */
  nextAutoNumber(object: SObjectSchema, field: DescribeField): string;
}

/**
 * Builds the record to store from the previous state (none on insert) and the client's checked values: defaults,
 * auto-numbers and audit fields, then the derived standard fields, then the checks that need the whole record
 * (required fields, restricted picklists left null, uniqueness).
 */
export function finishRecord(
  context: SaveContext,
  object: SObjectSchema,
  id: string,
  previous: Readonly<Record<string, FieldValue>> | undefined,
  values: ReadonlyMap<DescribeField, FieldValue>,
): { ok: true; record: Record<string, FieldValue> } | { ok: false; errors: SaveError[] } {
  const record: Record<string, FieldValue> = previous ? { ...previous } : emptyRecord(object);
  const given = new Set<string>();
  for (const [field, value] of values) {
    record[field.name] = value;
    given.add(field.name);
  }
  if (!previous) applyDefaults(context, object, record, given);
  record.Id = id;
  record.LastModifiedDate = context.timestamp;
  record.LastModifiedById = context.userId;
  record.SystemModstamp = context.timestamp;
  applyBehaviors(object, record, given, context);

  const rules = rulesOf(object);
  const missing = rules.required.filter((field) => record[field.name] === null).map((field) => field.name);
  if (missing.length > 0) return { ok: false, errors: [saveErrors.requiredFieldMissing(missing)] };
  const nulledRestricted = rules.restrictedNotNull.find((field) => record[field.name] === null);
  if (nulledRestricted) return { ok: false, errors: [saveErrors.restrictedPicklist(nulledRestricted.name, nulledRestricted.label, 'null')] };

  for (const field of rules.unique) {
    if (record[field.name] === null) continue;
    const clash = context.store
      .lookup(object, field, record[field.name] ?? null)
      .find((other) => other !== id && context.store.get(other)?.deletedAt === undefined);
    if (clash) return { ok: false, errors: [saveErrors.duplicateValue(field.name, clash)] };
  }
  return { ok: true, record };
}

/** A field the client must give on create: not nillable, writable, and nothing fills it in. */
export function isRequired(field: DescribeField): boolean {
  return !field.nillable && field.createable && !field.defaultedOnCreate && field.type !== 'boolean';
}

interface ObjectRules {
  required: DescribeField[];
  restrictedNotNull: DescribeField[];
  unique: DescribeField[];
}

const rulesByObject = new WeakMap<SObjectSchema, ObjectRules>();

/** The fields each save checks, worked out once per object (saves run per record, often 100,000 at a time). */
function rulesOf(object: SObjectSchema): ObjectRules {
  let rules = rulesByObject.get(object);
  if (!rules) {
    rules = {
      required: object.fields.filter(isRequired),
      restrictedNotNull: object.fields.filter((field) => field.restrictedPicklist && !field.nillable),
      unique: object.fields.filter((field) => field.unique),
    };
    rulesByObject.set(object, rules);
  }
  return rules;
}

const templates = new WeakMap<SObjectSchema, Record<string, FieldValue>>();

/** A record with every field null, copied from one template per object so all records share one shape. */
function emptyRecord(object: SObjectSchema): Record<string, FieldValue> {
  let template = templates.get(object);
  if (!template) {
    template = {};
    for (const field of object.fields) template[field.name] = null;
    templates.set(object, template);
  }
  return { ...template };
}

function applyDefaults(context: SaveContext, object: SObjectSchema, record: Record<string, FieldValue>, given: ReadonlySet<string>): void {
  for (const field of object.fields) {
    if (given.has(field.name)) continue;
    if (field.autoNumber) record[field.name] = context.nextAutoNumber(object, field);
    else if (field.type === 'picklist' && field.picklistValues.some((entry) => entry.defaultValue)) {
      record[field.name] = field.picklistValues.find((entry) => entry.defaultValue)?.value ?? null;
    } else if (field.defaultValue !== null && record[field.name] === null) record[field.name] = field.defaultValue;
  }
  record.IsDeleted = false;
  record.CreatedDate = context.timestamp;
  record.CreatedById = context.userId;
  if (object.owned && record.OwnerId === null) record.OwnerId = context.userId;
}
