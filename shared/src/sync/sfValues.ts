/**
 * Salesforce values in one canonical form, whatever API delivered them, so that values read through REST, through
 * Bulk API CSV and values the sync computed from local rows compare equal when they mean the same thing.
 */
import { createHash } from 'node:crypto';
import type { SfValue } from './convert.ts';
import type { SfValues } from './mapping.ts';

const NUMBER_TYPES = new Set(['double', 'currency', 'percent', 'int', 'long']);

/**
 * The canonical form of a raw value of a field of describe type `sfType`: empty text → null, numbers as numbers,
 * booleans as booleans, datetimes as ISO 8601 UTC with milliseconds (`2024-05-01T09:30:00.000Z`), dates `YYYY-MM-DD`.
 * Accepts REST JSON values and Bulk API CSV text alike.
 */
export function canonicalValue(sfType: string, raw: unknown): SfValue {
  if (raw === null || raw === undefined || raw === '') return null;
  if (sfType === 'boolean') return raw === true || raw === 'true';
  if (NUMBER_TYPES.has(sfType)) {
    const n = typeof raw === 'number' ? raw : Number(raw);
    return Number.isFinite(n) ? n : null;
  }
  if (sfType === 'datetime') {
    const d = new Date(typeof raw === 'string' ? raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : String(raw));
    return Number.isNaN(d.getTime()) ? String(raw) : d.toISOString();
  }
  if (sfType === 'date') return String(raw).slice(0, 10);
  return typeof raw === 'string' ? raw : String(raw);
}

/** Values equal in canonical form (numbers compared with a tolerance below a cent's rounding noise). */
export function sameValue(a: SfValue | undefined, b: SfValue | undefined): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return false;
}

/** The fields whose values differ between two sets of values, in the order of `fields`. */
export function changedFields(fields: readonly string[], from: SfValues, to: SfValues): string[] {
  return fields.filter((field) => !sameValue(from[field], to[field]));
}

/** A stable digest of values over `fields` (order-independent in the object, fixed by `fields`). */
export function valuesHash(fields: readonly string[], values: SfValues): string {
  let text = '';
  for (const field of fields) {
    const value = values[field];
    text += value === null || value === undefined ? '\u0001\u0000' : `${typeof value}:${String(value)}\u0000`;
  }
  return createHash('sha1').update(text).digest('base64url');
}
