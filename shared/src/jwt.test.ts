import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createJwtVerifier, issueToken } from './jwt.ts';

const SECRET = 'jwt-test-secret-0123456789abcdef';
const sign = (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT) =>
  build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('someone')).sign(new TextEncoder().encode(SECRET));

describe('createJwtVerifier token lifetime', () => {
  const verify = createJwtVerifier({ secret: SECRET });

  it('accepts a token of 12 h, the default maximum', async () => {
    const identity = await verify(await issueToken(SECRET, { sub: 'staff-1', roles: ['staff'] }, '12h'));
    expect(identity).toEqual({ subject: 'staff-1', roles: ['staff'], dealerAccountId: null });
  });

  it('refuses a token without exp', async () => {
    const token = await sign({ roles: ['staff'] }, (jwt) => jwt.setIssuedAt());
    await expect(verify(token)).rejects.toThrow('bearer token is not valid: it has no expiry (exp); tokens must expire');
  });

  it('refuses a token living longer than the maximum, from iat or, without iat, from now', async () => {
    await expect(verify(await issueToken(SECRET, { sub: 's', roles: ['staff'] }, '13h'))).rejects.toThrow('bearer token lives 13 h; tokens may live at most 12 h (from iat to exp)');
    const noIat = await sign({ roles: ['staff'] }, (jwt) => jwt.setExpirationTime('2d'));
    await expect(verify(noIat)).rejects.toThrow('tokens may live at most 12 h');
  });

  it('takes a configured maximum', async () => {
    const strict = createJwtVerifier({ secret: SECRET, maxLifetimeSeconds: 1800 });
    await expect(strict(await issueToken(SECRET, { sub: 's', roles: ['staff'] }, '1h'))).rejects.toThrow('bearer token lives 1 h; tokens may live at most 30 min');
    await expect(strict(await issueToken(SECRET, { sub: 's', roles: ['staff'] }, '30m'))).resolves.toMatchObject({ subject: 's' });
  });

  it('refuses an expired token', async () => {
    const token = await sign({ roles: ['staff'] }, (jwt) => jwt.setIssuedAt(Math.floor(Date.now() / 1000) - 120).setExpirationTime(Math.floor(Date.now() / 1000) - 60));
    await expect(verify(token)).rejects.toThrow('"exp" claim timestamp check failed');
  });
});
