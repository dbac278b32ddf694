import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { IDENTITY_MAX_AGE_MS, identityFromClaims, scopeOf, signIdentity, verifyIdentity, type Identity } from './identity.ts';
import { createJwtVerifier, issueToken } from './jwt.ts';

const partner: Identity = { subject: 'p-1', roles: ['partner'], dealerAccountId: 'dealer-1' };
const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe('signed identity between gateway and subgraphs', () => {
  it('round-trips an identity signed with the shared secret', () => {
    expect(verifyIdentity(headers(signIdentity(partner, 'secret-one-0123456789')), 'secret-one-0123456789')).toEqual(partner);
  });

  it('refuses a missing, foreign, altered or expired signature with the reason', () => {
    expect(() => verifyIdentity(headers({}), 's')).toThrow('request has no signed identity; call the graph through the gateway');
    expect(() => verifyIdentity(headers(signIdentity(partner, 'other-secret-0123456789')), 'secret-one-0123456789')).toThrow('identity signature is not valid');
    const signed = signIdentity(partner, 'secret-one-0123456789', Date.now() - IDENTITY_MAX_AGE_MS - 1);
    expect(() => verifyIdentity(headers(signed), 'secret-one-0123456789')).toThrow('identity signature has expired');
  });
});

describe('identity from JWT claims', () => {
  it('keeps known roles, needs a dealer for partners, and scopes partners to their dealer', () => {
    expect(identityFromClaims({ sub: 'a', roles: ['staff', 'astronaut'] })).toEqual({ subject: 'a', roles: ['staff'], dealerAccountId: null });
    expect(() => identityFromClaims({ sub: 'a', roles: ['partner'] })).toThrow('partner token has no dealer_account_id');
    expect(() => identityFromClaims({ sub: 'a', roles: ['astronaut'] })).toThrow(/no known role/);
    expect(scopeOf({ subject: 'x', roles: ['staff', 'partner'], dealerAccountId: 'd' })).toEqual({ kind: 'dealer', dealerAccountId: 'd' });
  });
});

describe('JWT verification', () => {
  let jwks: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (jwks ? jwks.close(() => resolve()) : resolve())));

  it('accepts HS256 tokens signed with the secret and refuses others', async () => {
    const verify = createJwtVerifier({ secret: 'secret-one-0123456789' });
    expect(await verify(await issueToken('secret-one-0123456789', { sub: 's', roles: ['engineer'] }))).toMatchObject({ roles: ['engineer'] });
    await expect(verify(await issueToken('secret-two-0123456789', { sub: 's', roles: ['engineer'] }))).rejects.toThrow(/bearer token is not valid: signature verification failed/);
    await expect(verify(await issueToken('secret-one-0123456789', { sub: 's', roles: ['engineer'] }, '-1m'))).rejects.toThrow(/"exp" claim timestamp check failed/);
  });

  it('verifies RS256 tokens against a JWKS URL, with issuer and audience', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    const verify = createJwtVerifier({ jwksUrl: url, issuer: 'https://idp.example', audience: 'l2c' });
    const sign = (claims: { iss: string; aud: string }) =>
      new SignJWT({ roles: ['partner'], dealer_account_id: 'd-9' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('idp-user')
        .setIssuer(claims.iss)
        .setAudience(claims.aud)
        .setExpirationTime('5m')
        .sign(privateKey);
    expect(await verify(await sign({ iss: 'https://idp.example', aud: 'l2c' }))).toEqual({ subject: 'idp-user', roles: ['partner'], dealerAccountId: 'd-9' });
    await expect(verify(await sign({ iss: 'https://evil.example', aud: 'l2c' }))).rejects.toThrow(/unexpected "iss" claim value/);
  });
});
