/**
 * Salesforce's wire formats for temporal values. REST returns datetimes as `2024-05-01T09:30:00.000+0000` (UTC),
 * dates as `2024-05-01` and times as `09:30:00.000Z`; it accepts any ISO 8601 datetime with an offset.
 */

/** `Date` → `2024-05-01T09:30:00.000+0000`. */
export function formatDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 23)}+0000`;
}

/** Epoch milliseconds of a Salesforce datetime string, or NaN. */
export function parseDateTime(value: string): number {
  // `+0000` is not ISO 8601 for Date.parse; `+00:00` is.
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) return Number.NaN;
  return Date.parse(iso);
}

/** A valid calendar date `YYYY-MM-DD`, or undefined. Accepts a datetime and keeps its date part. */
export function normalizeDate(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return `${y}-${m}-${d}`;
}

/** A valid time `HH:mm:ss.SSSZ`, or undefined. */
export function normalizeTime(value: string): string | undefined {
  const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/.exec(value);
  if (!match) return undefined;
  const [, h, m, s = '00', ms = '0'] = match;
  if (Number(h) > 23 || Number(m) > 59 || Number(s) > 59) return undefined;
  return `${h}:${m}:${s}.${ms.padEnd(3, '0')}Z`;
}
