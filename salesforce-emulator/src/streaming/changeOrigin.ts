/**
 * CDC's `changeOrigin` names the API (and client ID) that made a change: `com/salesforce/api/rest/60.0;client=Astro`.
 * The org's change batches do not carry it, so whoever writes to the org on behalf of an API wraps the DML call in
 * `withChangeOrigin`; the change listener runs synchronously inside that call and reads it back. Changes made
 * outside any origin get an empty `changeOrigin`, which is what Salesforce sends for non-API changes.
 */

let current = '';

/** Runs `work` (which writes to the org) with `origin` as the changeOrigin of the changes it commits. */
export function withChangeOrigin<T>(origin: string, work: () => T): T {
  const previous = current;
  current = origin;
  try {
    return work();
  } finally {
    current = previous;
  }
}

/** The origin of the DML call running now; '' outside `withChangeOrigin`. */
export function currentChangeOrigin(): string {
  return current;
}

/**
 * Salesforce's format: `com/salesforce/api/<API_Name>/<API_Version>;client=<Client_ID>`, where the client ID comes
 * from the `Sforce-Call-Options: client=…` header and is left out when the call set none.
 */
export function changeOriginFor(apiName: 'rest' | 'soap' | 'bulkapi', apiVersion: string, clientId: string | null): string {
  return `com/salesforce/api/${apiName}/${apiVersion}${clientId ? `;client=${clientId}` : ''}`;
}

/** The `client` value of a `Sforce-Call-Options` header (`client=Astro, defaultNamespace=ns`), if any. */
export function callOptionsClient(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return null;
  for (const part of value.split(',')) {
    const [key, ...rest] = part.split('=');
    if (key?.trim().toLowerCase() === 'client') return rest.join('=').trim() || null;
  }
  return null;
}
