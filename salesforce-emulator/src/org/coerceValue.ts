import type { DescribeField } from '../metadata/types.ts';
import { formatDateTime, normalizeDate, normalizeTime, parseDateTime } from './datetime.ts';
import { saveErrors } from './errors.ts';
import { normalizeId } from './ids.ts';
import type { FieldValue, SaveError } from './types.ts';

export type Coerced = { ok: true; value: FieldValue } | { ok: false; error: SaveError };

/**
 * Converts a value a client sent for `field` to the stored form, or says why Salesforce would refuse it. JSON
 * values and CSV text (Bulk API) both arrive here: strings convert to numbers, booleans, dates. An empty string is
 * null, as in Salesforce, which never stores empty text. Reference values are only checked for form here;
 * whether the record exists is the writer's concern.
 */
export function coerceValue(field: DescribeField, raw: unknown): Coerced {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: field.type === 'boolean' ? false : null };
  const bad = (): Coerced => ({ ok: false, error: saveErrors.invalidType(field.name, field.label, typeof raw === 'object' ? JSON.stringify(raw) : raw) });
  if (typeof raw === 'object') return bad();
  switch (field.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw);
      const text = String(raw).toLowerCase();
      if (text === 'true' || text === '1') return ok(true);
      if (text === 'false' || text === '0') return ok(false);
      return bad();
    }
    case 'int':
    case 'long': {
      const number = toNumber(raw);
      if (number === undefined || !Number.isInteger(number)) return bad();
      if (field.type === 'int' && Math.abs(number) >= 10 ** (field.digits || 9)) {
        return { ok: false, error: saveErrors.numberOutsideRange(field.name, field.label, raw, field.digits, 0) };
      }
      return ok(number);
    }
    case 'double':
    case 'currency':
    case 'percent': {
      const number = toNumber(raw);
      if (number === undefined) return bad();
      const rounded = roundHalfUp(number, field.scale);
      if (Math.abs(Math.trunc(rounded)) >= 10 ** (field.precision - field.scale)) {
        return { ok: false, error: saveErrors.numberOutsideRange(field.name, field.label, raw, field.precision, field.scale) };
      }
      return ok(rounded);
    }
    case 'date': {
      const date = typeof raw === 'string' ? normalizeDate(raw) : undefined;
      return date === undefined ? bad() : ok(date);
    }
    case 'datetime': {
      if (typeof raw !== 'string') return bad();
      const millis = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : parseDateTime(raw);
      return Number.isNaN(millis) ? bad() : ok(formatDateTime(new Date(millis)));
    }
    case 'time': {
      const time = typeof raw === 'string' ? normalizeTime(raw) : undefined;
      return time === undefined ? bad() : ok(time);
    }
    case 'id':
    case 'reference': {
      const id = typeof raw === 'string' ? normalizeId(raw) : undefined;
      return id === undefined ? { ok: false, error: saveErrors.wrongIdType(field.label, String(raw), field.name) } : ok(id);
    }
    default:
      return coerceText(field, String(raw));
  }
}

function coerceText(field: DescribeField, text: string): Coerced {
  if (field.length > 0 && text.length > field.length) {
    return { ok: false, error: saveErrors.stringTooLong(field.name, field.label, text, field.length) };
  }
  if (field.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
    return { ok: false, error: saveErrors.invalidEmail(field.name, field.label, text) };
  }
  if (field.restrictedPicklist) {
    const allowed = allowedValues(field);
    const values = field.type === 'multipicklist' ? text.split(';') : [text];
    const refused = values.find((value) => !allowed.has(value));
    if (refused !== undefined) return { ok: false, error: saveErrors.restrictedPicklist(field.name, field.label, refused) };
  }
  return ok(text);
}

const allowedByField = new WeakMap<DescribeField, ReadonlySet<string>>();

function allowedValues(field: DescribeField): ReadonlySet<string> {
  let allowed = allowedByField.get(field);
  if (!allowed) {
    allowed = new Set(field.picklistValues.filter((entry) => entry.active).map((entry) => entry.value));
    allowedByField.set(field, allowed);
  }
  return allowed;
}

function ok(value: FieldValue): Coerced {
  return { ok: true, value };
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim())) return undefined;
  return Number(raw);
}

/** Salesforce rounds numbers to the field's scale half up (away from zero) when it saves them. */
function roundHalfUp(value: number, scale: number): number {
  const factor = 10 ** scale;
  const shifted = Math.abs(value) * factor;
  const rounded = Math.round(Number(shifted.toPrecision(15))) / factor;
  return Math.sign(value) * rounded || 0;
}
