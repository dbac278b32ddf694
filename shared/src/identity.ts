import { createHmac, timingSafeEqual } from 'node:crypto';
import { badInput, forbidden, unauthenticated } from './errors.ts';

export const ROLES = ['staff', 'sf_admin', 'partner', 'engineer', 'warranty_adjuster', 'assessor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: derived from the JWT at the gateway, carried to subgraphs in a signed header. */
export interface Identity {
  subject: string;
  roles: Role[];
  /** Set for partners only: the dealer account whose rows they may see. */
  dealerAccountId: string | null;
}

/** Which rows a caller may see: everything, or one dealer's business. */
export type Scope = { kind: 'all' } | { kind: 'dealer'; dealerAccountId: string };

export const IDENTITY_HEADER = 'x-l2c-identity';
export const IDENTITY_SIGNATURE_HEADER = 'x-l2c-identity-signature';
/** How long a signed identity is accepted after it was signed; bounds the replay of a captured header. */
export const IDENTITY_MAX_AGE_MS = 5 * 60_000;

/** Builds an identity from JWT claims: `sub`, `roles` (or `role`), and `dealer_account_id` for partners. */
export function identityFromClaims(claims: Record<string, unknown>): Identity {
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject === '') throw unauthenticated('token has no subject (sub)');
  const raw = Array.isArray(claims.roles) ? claims.roles : claims.role === undefined ? [] : [claims.role];
  const roles = raw.filter((role): role is Role => (ROLES as readonly unknown[]).includes(role));
  if (roles.length === 0) throw unauthenticated(`token has no known role (roles must include one of ${ROLES.join(', ')})`);
  const dealer = claims.dealer_account_id;
  const dealerAccountId = typeof dealer === 'string' && dealer !== '' ? dealer : null;
  if (roles.includes('partner') && !dealerAccountId) throw unauthenticated('partner token has no dealer_account_id');
  return { subject, roles, dealerAccountId };
}

/**
 * The rows an identity may see. A partner sees its own dealer's rows even if it also holds another role: the
 * narrower scope wins, so a mistaken extra role never widens a partner's view.
 */
export function scopeOf(identity: Identity): Scope {
  if (identity.roles.includes('partner')) return { kind: 'dealer', dealerAccountId: identity.dealerAccountId ?? '' };
  return { kind: 'all' };
}

export function hasRole(identity: Identity, ...roles: Role[]): boolean {
  return identity.roles.some((role) => roles.includes(role));
}

/** Refuses the call unless the caller holds one of `roles`; the message says what was needed. */
export function requireRole(identity: Identity, action: string, ...roles: Role[]): void {
  if (!hasRole(identity, ...roles)) throw forbidden(`${action} needs one of the roles ${roles.join(', ')}; caller has ${identity.roles.join(', ')}`);
}

/** Signs an identity for the hop from gateway to subgraph. */
export function signIdentity(identity: Identity, secret: string, now = Date.now()): Record<string, string> {
  const value = Buffer.from(JSON.stringify({ ...identity, iat: now })).toString('base64url');
  return { [IDENTITY_HEADER]: value, [IDENTITY_SIGNATURE_HEADER]: hmac(secret, value) };
}

/** Verifies the signed identity headers a subgraph received; throws `UNAUTHENTICATED` with the reason when they are not valid. */
export function verifyIdentity(headers: { get(name: string): string | null | undefined }, secret: string, now = Date.now()): Identity {
  const value = headers.get(IDENTITY_HEADER);
  const signature = headers.get(IDENTITY_SIGNATURE_HEADER);
  if (!value || !signature) throw unauthenticated('request has no signed identity; call the graph through the gateway');
  const expected = Buffer.from(hmac(secret, value));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthenticated('identity signature is not valid');
  let parsed: Identity & { iat: number };
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Identity & { iat: number };
  } catch {
    throw unauthenticated('identity header is not readable');
  }
  if (typeof parsed.iat !== 'number' || now - parsed.iat > IDENTITY_MAX_AGE_MS || parsed.iat - now > 60_000) {
    throw unauthenticated('identity signature has expired');
  }
  return { subject: parsed.subject, roles: parsed.roles, dealerAccountId: parsed.dealerAccountId };
}

/** Parses `role [dealerAccountId]` as the token command takes them. */
export function parseRoleArgument(role: string | undefined): Role {
  if (!role || !(ROLES as readonly string[]).includes(role)) throw badInput('role', role, `must be one of ${ROLES.join(', ')}`);
  return role as Role;
}

function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}
