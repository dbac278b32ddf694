/**
 * Literal values of SOQL and the stored forms they are compared with. The org stores datetimes as Salesforce's REST
 * strings in UTC (`2024-05-01T09:30:00.000+0000`) and dates as `YYYY-MM-DD`: both are fixed-width, so once a literal
 * is converted to the same form, ordering is plain string comparison and no row is ever parsed.
 */
import type { FieldType } from '../metadata/types.ts';

/** How a field's values compare and which literals it accepts. */
export type ValueKind = 'text' | 'id' | 'multipicklist' | 'boolean' | 'number' | 'date' | 'datetime' | 'time' | 'other';

export function valueKind(type: FieldType): ValueKind {
  switch (type) {
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist':
    case 'combobox':
    case 'encryptedstring':
      return 'text';
    case 'id':
    case 'reference':
      return 'id';
    case 'multipicklist':
      return 'multipicklist';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'long':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'time':
      return 'time';
    default:
      return 'other';
  }
}

/** The type name Salesforce uses in "must be of type …" messages (the SOAP type's local name). */
export function soapTypeName(type: FieldType): string {
  switch (type) {
    case 'boolean':
      return 'boolean';
    case 'int':
      return 'int';
    case 'long':
      return 'long';
    case 'double':
    case 'currency':
    case 'percent':
      return 'double';
    case 'date':
      return 'date';
    case 'datetime':
      return 'dateTime';
    case 'time':
      return 'time';
    default:
      return 'string';
  }
}

const ID_SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 18-character form of a 15- or 18-character record ID; undefined when the value is not an ID. */
export function toId18(value: string): string | undefined {
  if (value.length !== 15 && value.length !== 18) return undefined;
  if (!/^[0-9A-Za-z]+$/.test(value)) return undefined;
  const base = value.slice(0, 15);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const code = base.charCodeAt(chunk * 5 + i);
      if (code >= 65 && code <= 90) bits |= 1 << i;
    }
    suffix += ID_SUFFIX_ALPHABET[bits];
  }
  return base + suffix;
}

/** A SOQL string literal's content: quotes removed, escapes resolved. `keepLikeEscapes` leaves `\%` and `\_` for LIKE. */
export function unquote(literal: string, keepLikeEscapes = false): string {
  const body = literal.startsWith("'") && literal.endsWith("'") && literal.length >= 2 ? literal.slice(1, -1) : literal;
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\' || i === body.length - 1) {
      out += c;
      continue;
    }
    const next = body[++i]!;
    switch (next) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case '%':
      case '_':
        out += keepLikeEscapes ? `\\${next}` : next;
        break;
      default:
        out += next;
    }
  }
  return out;
}

/** Epoch ms in the org's stored datetime form. */
export function formatDatetime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}+0000`;
}

/** Epoch ms (a UTC midnight) as `YYYY-MM-DD`. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3})\d*)?(Z|[+-]\d{2}:?\d{2})$/i;

/** A SOQL datetime literal (`2024-05-01T09:30:00Z`, `…+01:00`, `…-0800`) in stored form; undefined when invalid. */
export function datetimeLiteral(text: string): string | undefined {
  const m = DATETIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  const millis = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  const zone = m[8]!;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2, 4));
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  return formatDatetime(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000);
}

/** A SOQL date literal (`2024-05-01`) checked for a real calendar day; undefined when invalid. */
export function dateLiteral(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  return validDate(Number(m[1]), Number(m[2]), Number(m[3])) ? text : undefined;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
