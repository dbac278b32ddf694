import type { Org } from '../../org/types.ts';
import type { SessionStore } from './sessions.ts';

/** The credentials the emulator accepts (one connected app, one integration user). */
export interface AuthSettings {
  /** Username of the integration user the password grant logs in as. */
  username: string;
  /** Its password (a security token appended to it is also accepted, as Salesforce does). */
  password: string;
  /** The connected app's consumer key. */
  clientId: string;
  /** The connected app's consumer secret. */
  clientSecret: string;
  /** Security token that may be appended to the password. Default: none. */
  securityToken?: string;
  /**
   * PEM of the X.509 certificate (or SPKI public key) uploaded to the connected app; JWT bearer assertions must be
   * signed (RS256) by its private key. Without one, the JWT bearer grant answers `invalid_grant`.
   */
  jwtCertificate?: string;
}

/** What the OAuth endpoints need. */
export interface AuthContext {
  readonly settings: AuthSettings;
  readonly sessions: SessionStore;
  readonly org: Org;
  /** The emulator's base URL: login URL and instance URL at once. */
  readonly instanceUrl: () => string;
  /** Authorization codes waiting to be exchanged. */
  readonly codes: Map<string, { userId: string; clientId: string; redirectUri: string; expiresAt: number }>;
}
