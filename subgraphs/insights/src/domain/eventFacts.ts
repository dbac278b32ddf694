/**
 * Reading the `changes` of a domain event defensively: events come from other subgraphs' code, possibly older or
 * newer versions of it, so every value is checked for its type and a missing or malformed one reads as absent.
 */

export type Changes = Record<string, unknown>;

export function text(changes: Changes, key: string): string | null {
  const value = changes[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function integer(changes: Changes, key: string): number | null {
  const value = changes[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

const DECIMAL = /^-?\d{1,18}(\.\d{1,10})?$/;

/** An exact decimal: a decimal string as the contracts send money, or a finite number written back as one. */
export function decimal(changes: Changes, key: string): string | null {
  const value = changes[key];
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function texts(changes: Changes, key: string): string[] {
  const value = changes[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}

/** The `to` side of a `{ from, to }` change, or the value itself when the change is a plain value. */
export function changedTo(changes: Changes, key: string): string | null {
  const value = changes[key];
  if (typeof value === 'string') return value || null;
  if (value && typeof value === 'object' && 'to' in value) {
    const to = (value as { to: unknown }).to;
    return typeof to === 'string' && to !== '' ? to : null;
  }
  return null;
}

export function changedFrom(changes: Changes, key: string): string | null {
  const value = changes[key];
  if (value && typeof value === 'object' && 'from' in value) {
    const from = (value as { from: unknown }).from;
    return typeof from === 'string' && from !== '' ? from : null;
  }
  return null;
}

/** An instant from the changes (a business time such as `postedAt`), in ms; null when absent or unreadable. */
export function instant(changes: Changes, key: string): number | null {
  const value = changes[key];
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Allocations of a payment: `[{ invoiceId, orderIds, amount }]`, skipping malformed items. */
export function allocations(changes: Changes): { invoiceId: string | null; orderIds: string[] }[] {
  const value = changes['allocations'];
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is Changes => typeof item === 'object' && item !== null)
    .map((item) => ({ invoiceId: text(item, 'invoiceId'), orderIds: texts(item, 'orderIds') }));
}
