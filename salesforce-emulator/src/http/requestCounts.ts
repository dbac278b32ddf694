import { normalizeId } from '../org/ids.ts';

/**
 * Requests seen per endpoint, keyed `METHOD /path` with record IDs and query locators replaced by `{id}`, so tests
 * can assert how many calls a client made (`GET /services/data/v60.0/sobjects/Account/{id}`).
 */
export class RequestCounts {
  private readonly counts = new Map<string, number>();

  record(method: string, pathname: string): void {
    const key = `${method} ${endpointOf(pathname)}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  toJSON(): { total: number; endpoints: Record<string, number> } {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return { total, endpoints: Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b))) };
  }

  clear(): void {
    this.counts.clear();
  }
}

/** `/services/data/v60.0/sobjects/Account/001…` → `/services/data/v60.0/sobjects/Account/{id}`. */
export function endpointOf(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (/^[0-9A-Za-z]{15}([0-9A-Za-z]{3})?$/.test(segment) && normalizeId(segment) && /\d/.test(segment) ? '{id}' : segment))
    .join('/')
    .replace(/\/query\/[^/]+$/, '/query/{locator}');
}
