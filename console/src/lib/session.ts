/**
 * The signed-in caller: a bearer token (pasted, or issued for a development role by the gateway in development),
 * kept in this tab's session storage only, and what its claims say. The graph decides what the token may do; the
 * claims only decide which pages are offered.
 */

export type RoleName = 'staff' | 'sf_admin' | 'partner' | 'engineer';

export interface Session {
  token: string;
  subject: string;
  roles: RoleName[];
  dealerAccountId: string | null;
  expiresAt: Date | null;
}

/** What the gateway says about the console: development login on or off, where Bull Board is. */
export interface ConsoleConfig {
  devLogin: boolean;
  roles: RoleName[];
  bullBoard: string;
  graphql: string;
}

const KEY = 'l2c-console-token';

export function loadSession(): Session | null {
  const token = sessionStorage.getItem(KEY);
  const session = token ? sessionOf(token) : null;
  if (!session || (session.expiresAt && session.expiresAt.getTime() <= Date.now())) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return session;
}

/** Reads a token's claims (not its signature: the gateway checks that); throws with the reason when it is not a JWT. */
export function sessionOf(token: string): Session {
  const parts = token.trim().split('.');
  if (parts.length !== 3) throw new Error('a token has three parts separated by dots (header.claims.signature)');
  let claims: { sub?: unknown; roles?: unknown; role?: unknown; dealer_account_id?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as typeof claims;
  } catch {
    throw new Error('the token’s claims are not readable JSON');
  }
  const roles = (Array.isArray(claims.roles) ? claims.roles : claims.role ? [claims.role] : []).filter((r): r is RoleName => ['staff', 'sf_admin', 'partner', 'engineer'].includes(String(r)));
  if (typeof claims.sub !== 'string' || roles.length === 0) throw new Error('the token names no subject or no known role');
  return {
    token: token.trim(),
    subject: claims.sub,
    roles,
    dealerAccountId: typeof claims.dealer_account_id === 'string' ? claims.dealer_account_id : null,
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
  };
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, session.token);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** Partners see their own webhooks only, whatever else the token claims (the graph treats them the same way). */
export function canWatchSync(session: Session): boolean {
  return !session.roles.includes('partner') && session.roles.some((role) => role === 'sf_admin' || role === 'engineer');
}

export async function fetchConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/session.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`the gateway answered ${response.status} for /console/session.json`);
  return (await response.json()) as ConsoleConfig;
}

/** A development token for a role (the gateway issues them only while it uses the development JWT secret). */
export async function fetchDevToken(role: RoleName, dealerAccountId?: string | null): Promise<string> {
  const response = await fetch('/console/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, ...(dealerAccountId ? { dealerAccountId } : {}) }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `the gateway answered ${response.status}`);
  return body.token;
}
