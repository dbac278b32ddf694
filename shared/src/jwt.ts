import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { unauthenticated } from './errors.ts';
import { identityFromClaims, type Identity, type Role } from './identity.ts';

export type JwtVerifierOptions = (
  /** HS256 with a shared secret: local development and tests. */
  | { secret: string; issuer?: string; audience?: string }
  /** Asymmetric keys from a JWKS URL: production. */
  | { jwksUrl: string; issuer?: string; audience?: string }
) & {
  /**
   * The longest life a token may have, in seconds, from `iat` (or from now, when it has none) to `exp`. Tokens without
   * `exp`, or living longer, are refused: a stolen token must not open the graph for days. Default 43200 (12 h).
   */
  maxLifetimeSeconds?: number;
};

/** Default for `JwtVerifierOptions.maxLifetimeSeconds`: 12 hours. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

/** A verified token: who is calling, and when the token stops being valid (seconds since the epoch). */
export interface VerifiedToken {
  identity: Identity;
  expiresAt: number;
}

/** Verifies bearer tokens and turns their claims into an identity. */
export function createJwtVerifier(options: JwtVerifierOptions): (token: string) => Promise<Identity> {
  const verify = createTokenVerifier(options);
  return async (token) => (await verify(token)).identity;
}

/** Verifies bearer tokens: signature, issuer, audience, `exp` present and not past, lifetime within the maximum. */
export function createTokenVerifier(options: JwtVerifierOptions): (token: string) => Promise<VerifiedToken> {
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  if ('secret' in options && !options.secret) throw new Error('the JWT secret is empty; set JWT_SECRET (or JWKS_URL)');
  // An HS256 secret is imported as a key once: importing it on every verification costs more than the check itself.
  const key: Promise<CryptoKey> | JWTVerifyGetKey =
    'secret' in options
      ? crypto.subtle.importKey('raw', new TextEncoder().encode(options.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
      : createRemoteJWKSet(new URL(options.jwksUrl));
  const verifyOptions = {
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
    ...('secret' in options ? { algorithms: ['HS256'] } : {}),
    requiredClaims: ['exp'],
  };
  return async (token) => {
    try {
      const { payload } = typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, await key, verifyOptions);
      const expiresAt = payload.exp!;
      const from = typeof payload.iat === 'number' ? Math.min(payload.iat, Date.now() / 1000) : Date.now() / 1000;
      const lifetime = Math.round(expiresAt - from);
      if (lifetime > maxLifetime) {
        throw unauthenticated(`bearer token lives ${describeSeconds(lifetime)}; tokens may live at most ${describeSeconds(maxLifetime)} (from iat to exp)`);
      }
      return { identity: identityFromClaims(payload), expiresAt };
    } catch (error) {
      if (error instanceof Error && error.name === 'DomainError') throw error;
      const reason = (error as { code?: string }).code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (error as { claim?: string }).claim === 'exp' && (error as { reason?: string }).reason === 'missing' ? 'it has no expiry (exp); tokens must expire' : error instanceof Error ? error.message : String(error);
      throw unauthenticated(`bearer token is not valid: ${reason}`);
    }
  };
}

function describeSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** Issues an HS256 token for development and tests. */
export async function issueToken(
  secret: string,
  claims: { sub: string; roles: Role[]; dealerAccountId?: string | null },
  expiresIn = '12h',
): Promise<string> {
  return new SignJWT({ roles: claims.roles, ...(claims.dealerAccountId ? { dealer_account_id: claims.dealerAccountId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
