import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { unauthenticated } from './errors.ts';
import { identityFromClaims, type Identity, type Role } from './identity.ts';

export type JwtVerifierOptions =
  /** HS256 with a shared secret: local development and tests. */
  | { secret: string; issuer?: string; audience?: string }
  /** Asymmetric keys from a JWKS URL: production. */
  | { jwksUrl: string; issuer?: string; audience?: string };

/** Verifies bearer tokens and turns their claims into an identity. */
export function createJwtVerifier(options: JwtVerifierOptions): (token: string) => Promise<Identity> {
  const key: Uint8Array | JWTVerifyGetKey =
    'secret' in options ? new TextEncoder().encode(options.secret) : createRemoteJWKSet(new URL(options.jwksUrl));
  const verifyOptions = {
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
    ...('secret' in options ? { algorithms: ['HS256'] } : {}),
  };
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key as Uint8Array, verifyOptions);
      return identityFromClaims(payload);
    } catch (error) {
      if (error instanceof Error && error.name === 'DomainError') throw error;
      throw unauthenticated(`bearer token is not valid: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
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
