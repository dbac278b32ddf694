/**
 * Field converters: how a local column's value and a Salesforce field's value correspond. Pure functions over plain
 * values, so mappings are unit-tested without I/O.
 *
 * Salesforce values are in one canonical form (`SfValue`) whatever API delivered them (REST JSON, Bulk CSV): text as
 * strings with empty as null, numbers as numbers, dates `YYYY-MM-DD`, datetimes ISO 8601 in UTC with milliseconds.
 * `toSalesforce(fromSalesforce(v))` must equal `v` for every value Salesforce can hold that the column can hold;
 * where a column has more values than the field (a local enum wider than a picklist), `toSalesforce` may map several
 * local values to one Salesforce value: the sync compares in Salesforce form, so such a value is not overwritten
 * unless the field changes in Salesforce.
 */

export type SfValue = string | number | boolean | null;

export interface FieldConverter {
  /** Describe types this converter accepts; a mapping using it on another type is refused at start. */
  readonly sfTypes: readonly string[];
  /** Local column value → Salesforce value. May throw `UnmappableValueError`. */
  toSalesforce(local: unknown): SfValue;
  /** Salesforce value → local column value. May throw `UnmappableValueError`. */
  fromSalesforce(value: SfValue): unknown;
}

/** A value one side holds that the other cannot: the record fails with code `UNMAPPABLE_VALUE`, naming the field. */
export class UnmappableValueError extends Error {
  override readonly name = 'UnmappableValueError';
  constructor(
    readonly value: unknown,
    readonly rule: string,
  ) {
    super(`${rule} (got ${JSON.stringify(value)})`);
  }
}

const TEXT_TYPES = ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox', 'id', 'reference', 'encryptedstring'];
const NUMBER_TYPES = ['double', 'currency', 'percent', 'int', 'long'];

/** Text both ways; empty text is null on both sides (Salesforce does not store empty strings). */
export function text(): FieldConverter {
  return {
    sfTypes: TEXT_TYPES,
    toSalesforce: (local) => (local === null || local === undefined || local === '' ? null : String(local)),
    fromSalesforce: (value) => (value === null || value === '' ? null : String(value)),
  };
}

/**
 * Text that Salesforce requires and the local column may leave empty: local null travels as `placeholder` and comes
 * back as null (e.g. Lead.Company `[not provided]`, the value Salesforce's own web-to-lead uses).
 */
export function requiredText(placeholder: string): FieldConverter {
  return {
    sfTypes: TEXT_TYPES,
    toSalesforce: (local) => (local === null || local === undefined || local === '' ? placeholder : String(local)),
    fromSalesforce: (value) => (value === null || value === '' || value === placeholder ? null : String(value)),
  };
}

/** Numbers; the local side may hold exact decimal strings (`numeric`), which Salesforce receives as numbers. */
export function number(): FieldConverter {
  return {
    sfTypes: NUMBER_TYPES,
    toSalesforce: (local) => {
      if (local === null || local === undefined || local === '') return null;
      const n = typeof local === 'number' ? local : Number(local);
      if (!Number.isFinite(n)) throw new UnmappableValueError(local, 'must be a finite number');
      return n;
    },
    fromSalesforce: (value) => (value === null ? null : toNumber(value)),
  };
}

/** Whole numbers locally; a Salesforce value with a fraction cannot be stored and fails the record. */
export function integer(): FieldConverter {
  const base = number();
  return {
    sfTypes: NUMBER_TYPES,
    toSalesforce: base.toSalesforce,
    fromSalesforce: (value) => {
      if (value === null) return null;
      const n = toNumber(value);
      if (!Number.isInteger(n)) throw new UnmappableValueError(value, 'must be a whole number');
      return n;
    },
  };
}

export function boolean(): FieldConverter {
  return {
    sfTypes: ['boolean'],
    toSalesforce: (local) => (local === null || local === undefined ? null : Boolean(local)),
    fromSalesforce: (value) => (value === null ? null : value === true || value === 'true'),
  };
}

/** Dates as `YYYY-MM-DD` on both sides (the store returns `date` columns in that form). */
export function date(): FieldConverter {
  return {
    sfTypes: ['date'],
    toSalesforce: (local) => {
      if (local === null || local === undefined || local === '') return null;
      if (local instanceof Date) return local.toISOString().slice(0, 10);
      const text = String(local);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new UnmappableValueError(local, 'must be a date YYYY-MM-DD');
      return text;
    },
    fromSalesforce: (value) => (value === null ? null : String(value).slice(0, 10)),
  };
}

/** Datetimes: a `Date` locally, ISO 8601 UTC with milliseconds in Salesforce form. */
export function datetime(): FieldConverter {
  return {
    sfTypes: ['datetime'],
    toSalesforce: (local) => {
      if (local === null || local === undefined || local === '') return null;
      const d = local instanceof Date ? local : new Date(String(local));
      if (Number.isNaN(d.getTime())) throw new UnmappableValueError(local, 'must be a datetime');
      return d.toISOString();
    },
    fromSalesforce: (value) => (value === null ? null : new Date(String(value))),
  };
}

export interface PicklistOptions {
  /**
   * Salesforce values that are not in the map's values, read inbound: `fail` (the record fails with
   * `UNMAPPABLE_VALUE`), `passthrough` (stored as they are, e.g. for statuses that are data), or a local value.
   * Default `fail`.
   */
  unknownInbound?: 'fail' | 'passthrough' | { value: unknown };
  /** Local values that are not in the map's keys, pushed outbound: `fail`, `passthrough`, or a Salesforce value. Default `fail`. */
  unknownOutbound?: 'fail' | 'passthrough' | { value: string };
  /** Extra Salesforce → local translations for values several local values share or that have no local twin. */
  inbound?: Record<string, unknown>;
  /** The local value for a Salesforce null. Default null. */
  nullInbound?: unknown;
}

/**
 * Translates enum-like values: `map` is local value → Salesforce value. When several local values map to one
 * Salesforce value, `inbound` says which local value that Salesforce value reads as (the first one otherwise).
 */
export function picklist(map: Record<string, string>, options: PicklistOptions = {}): FieldConverter {
  const reverse = new Map<string, unknown>();
  for (const [local, sf] of Object.entries(map)) if (!reverse.has(sf)) reverse.set(sf, local);
  for (const [sf, local] of Object.entries(options.inbound ?? {})) reverse.set(sf, local);
  return {
    sfTypes: ['picklist', 'multipicklist', 'combobox', 'string'],
    toSalesforce: (local) => {
      if (local === null || local === undefined || local === '') return null;
      const key = String(local);
      const sf = map[key];
      if (sf !== undefined) return sf;
      const rule = options.unknownOutbound ?? 'fail';
      if (rule === 'passthrough') return key;
      if (rule === 'fail') throw new UnmappableValueError(local, `has no Salesforce value (known: ${Object.keys(map).join(', ')})`);
      return rule.value;
    },
    fromSalesforce: (value) => {
      if (value === null || value === '') return options.nullInbound ?? null;
      const key = String(value);
      if (reverse.has(key)) return reverse.get(key);
      const rule = options.unknownInbound ?? 'fail';
      if (rule === 'passthrough') return key;
      if (rule === 'fail') throw new UnmappableValueError(value, `is not a known Salesforce value (known: ${[...reverse.keys()].join(', ')})`);
      return rule.value;
    },
  };
}

/** The converter a field gets when its mapping names none, from its describe type. */
export function defaultConverter(sfType: string): FieldConverter {
  if (sfType === 'boolean') return boolean();
  if (sfType === 'int' || sfType === 'long') return integer();
  if (NUMBER_TYPES.includes(sfType)) return number();
  if (sfType === 'date') return date();
  if (sfType === 'datetime') return datetime();
  return text();
}

function toNumber(value: SfValue): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new UnmappableValueError(value, 'must be a number');
  return n;
}
