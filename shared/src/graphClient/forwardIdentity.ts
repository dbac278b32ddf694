import { IDENTITY_HEADER, IDENTITY_SIGNATURE_HEADER } from '../identity.ts';
import type { IdentityHeaders } from './client.ts';

/** The two identity headers of a request, or null when either is missing. */
export function identityHeadersOf(headers: Record<string, string | string[] | undefined>): IdentityHeaders | null {
  const value = first(headers[IDENTITY_HEADER]);
  const signature = first(headers[IDENTITY_SIGNATURE_HEADER]);
  return value && signature ? { [IDENTITY_HEADER]: value, [IDENTITY_SIGNATURE_HEADER]: signature } : null;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
