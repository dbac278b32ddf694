import { compareDecimals, formatScaled, parseScaled } from '../domain/money.ts';

/**
 * How a column's value and a Salesforce field's value correspond, both ways, as pure functions. Salesforce values
 * are in their JSON form: text, numbers, booleans, `YYYY-MM-DD` dates, ISO 8601 datetimes, null for empty.
 *
 * Money never becomes a float here by accident: an exact decimal column goes out as the JSON number whose shortest
 * text is the same decimal (Salesforce parses the text), and comes back through its text, refused rather than
 * rounded when it has more places than the column.
 */

export type SfValue = string | number | boolean | null;

export interface Converter {
  toSalesforce(local: unknown): SfValue;
  fromSalesforce(value: SfValue): unknown;
}

/** A value one side holds and the other cannot; the sync fails that record, naming the field and the rule. */
export class UnmappableValueError extends Error {
  override readonly name = 'UnmappableValueError';
  constructor(
    readonly value: unknown,
    readonly rule: string,
  ) {
    super(`${rule} (got ${JSON.stringify(value)})`);
  }
}

/** Text; empty is null on both sides (Salesforce stores no empty strings). */
export const text: Converter = {
  toSalesforce: (local) => (local === null || local === undefined || local === '' ? null : String(local)),
  fromSalesforce: (value) => (value === null || value === '' ? null : String(value)),
};

export const boolean: Converter = {
  toSalesforce: (local) => local === true,
  fromSalesforce: (value) => value === true,
};

export const integer: Converter = {
  toSalesforce: (local) => (local === null || local === undefined ? null : Number(local)),
  fromSalesforce: (value) => {
    if (value === null) return null;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new UnmappableValueError(value, 'must be a whole number');
    return value;
  },
};

/** `YYYY-MM-DD` on both sides. */
export const date: Converter = {
  toSalesforce: (local) => (local === null || local === undefined ? null : String(local)),
  fromSalesforce: (value) => {
    if (value === null) return null;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UnmappableValueError(value, 'must be a date YYYY-MM-DD');
    return value;
  },
};

/** A `timestamptz` (a `Date`) as ISO 8601 in UTC. */
export const dateTime: Converter = {
  toSalesforce: (local) => (local instanceof Date ? local.toISOString() : local == null ? null : new Date(String(local)).toISOString()),
  fromSalesforce: (value) => (value === null ? null : new Date(String(value))),
};

/** An exact decimal with `scale` places (money: 2, percentages: 2). */
export function decimal(scale: number): Converter {
  return {
    toSalesforce(local) {
      if (local === null || local === undefined) return null;
      const textValue = String(local);
      const number = Number(textValue);
      // The number must print back as the same decimal, or Salesforce would store another value.
      if (!Number.isFinite(number) || compareDecimals(String(number), textValue) !== 0) throw new UnmappableValueError(local, 'has more digits than Salesforce stores exactly');
      return number;
    },
    fromSalesforce(value) {
      if (value === null) return null;
      const units = parseScaled(String(value), scale);
      if (units === null) throw new UnmappableValueError(value, `must be a number with at most ${scale} decimal places`);
      return formatScaled(units, scale);
    },
  };
}

export const money = decimal(2);
export const percent = decimal(2);

/**
 * A local enum as a Salesforce picklist. Picklists differ by org: `inbound` adds Salesforce values that read as one
 * of ours (several may), and a value neither knows fails the record instead of being guessed.
 */
export function picklist<L extends string>(outbound: Record<L, string>, options: { inbound?: Record<string, L>; nullInbound?: L } = {}): Converter {
  const inbound = new Map<string, L>(Object.entries<string>(outbound).map(([local, sf]) => [sf, local as L]));
  for (const [sf, local] of Object.entries(options.inbound ?? {})) inbound.set(sf, local as L);
  return {
    toSalesforce(local) {
      if (local === null || local === undefined) return null;
      const value = (outbound as Record<string, string>)[String(local)];
      if (value === undefined) throw new UnmappableValueError(local, `has no Salesforce value (known: ${Object.keys(outbound).join(', ')})`);
      return value;
    },
    fromSalesforce(value) {
      if (value === null || value === '') return options.nullInbound ?? null;
      const local = inbound.get(String(value));
      if (local === undefined) throw new UnmappableValueError(value, `is not a value this org's picklist is known to use (known: ${[...inbound.keys()].join(', ')})`);
      return local;
    },
  };
}
