import { randomBytes } from 'node:crypto';
import type { Session } from '../types.ts';

export interface SessionStoreOptions {
  /** Seconds of inactivity after which an access token stops working (Salesforce's session timeout). */
  sessionSeconds: number;
  /** Epoch milliseconds now. */
  now: () => number;
  /** The org ID whose first 15 characters prefix every access token, as Salesforce's do. */
  orgId: () => string;
}

/** Session count at which timed-out sessions are swept. */
const PRUNE_AT = 10_000;

interface StoredSession extends Session {
  lastActivity: number;
  refreshToken?: string;
}

/**
 * Access tokens and refresh tokens. A session times out after `sessionSeconds` without use, as Salesforce's do
 * (every use pushes the timeout back). Refresh tokens never time out here; revoking one revokes the access tokens
 * issued from it.
 */
export class SessionStore {
  private readonly sessions = new Map<string, StoredSession>();
  private readonly refreshTokens = new Map<string, { userId: string; clientId: string }>();

  constructor(private readonly options: SessionStoreOptions) {}

  /** Starts a session; with `withRefreshToken`, also issues a refresh token bound to the user and client. */
  issue(userId: string, clientId: string, withRefreshToken = false, fromRefreshToken?: string): { session: Session; refreshToken?: string } {
    const accessToken = `${this.options.orgId().slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
    let refreshToken = fromRefreshToken;
    if (withRefreshToken) {
      refreshToken = `5Aep861${randomBytes(40).toString('base64url')}`;
      this.refreshTokens.set(refreshToken, { userId, clientId });
    }
    if (this.sessions.size >= PRUNE_AT) this.prune();
    const session: StoredSession = { accessToken, userId, clientId, lastActivity: this.options.now(), ...(refreshToken ? { refreshToken } : {}) };
    this.sessions.set(accessToken, session);
    return { session, ...(withRefreshToken && refreshToken ? { refreshToken } : {}) };
  }

  /** The live session of an access token, pushing its timeout back; undefined when unknown, revoked or timed out. */
  use(accessToken: string): Session | undefined {
    const session = this.sessions.get(accessToken);
    if (!session) return undefined;
    const now = this.options.now();
    if (now - session.lastActivity > this.options.sessionSeconds * 1000) {
      this.sessions.delete(accessToken);
      return undefined;
    }
    session.lastActivity = now;
    return session;
  }

  /** The user and client a refresh token was issued to. */
  refreshTokenOwner(refreshToken: string): { userId: string; clientId: string } | undefined {
    return this.refreshTokens.get(refreshToken);
  }

  /** Revokes an access token, or a refresh token with every session issued from it. Returns whether it existed. */
  revoke(token: string): boolean {
    if (this.sessions.delete(token)) return true;
    if (!this.refreshTokens.delete(token)) return false;
    for (const [accessToken, session] of this.sessions) if (session.refreshToken === token) this.sessions.delete(accessToken);
    return true;
  }

  /** Forgets timed-out sessions, so a client that logs in again and again does not grow the store for ever. */
  private prune(): void {
    const cutoff = this.options.now() - this.options.sessionSeconds * 1000;
    for (const [token, session] of this.sessions) if (session.lastActivity < cutoff) this.sessions.delete(token);
  }

  /** Ends every session (refresh tokens stay valid), as if they had all timed out. */
  expireAll(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    return count;
  }
}
