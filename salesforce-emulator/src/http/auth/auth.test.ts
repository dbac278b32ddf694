import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { Connection } from 'jsforce';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection, startTestEmulator, TEST_VERSION, type TestEmulator } from '../testing/testEmulator.ts';

const SESSION_SECONDS = 600;
const { publicKey, privateKey } = await generateKeyPair('RS256');
const jwtCertificate = await exportSPKI(publicKey);

let env: TestEmulator;
beforeEach(async () => {
  env = await startTestEmulator({ sessionSeconds: SESSION_SECONDS, jwtCertificate });
});
afterEach(() => env.close());

function assertion(claims: { iss?: string; sub?: string; aud?: string; expSeconds?: number }, key = privateKey) {
  const { clientId, username } = env.emulator.credentials;
  const issuedAt = Math.floor(env.clock.now().getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(claims.iss ?? clientId)
    .setSubject(claims.sub ?? username)
    .setAudience(claims.aud ?? env.url)
    .setExpirationTime(issuedAt + (claims.expSeconds ?? 180))
    .sign(key);
}

async function authorizationCode(conn: Connection): Promise<string> {
  const response = await fetch(conn.oauth2.getAuthorizationUrl({ state: 'xyz' }), { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? '');
  expect(location.searchParams.get('state')).toBe('xyz');
  return location.searchParams.get('code') ?? '';
}

describe('OAuth grants', () => {
  it('password: jsforce logs in over OAuth and gets the user and org from the identity URL', async () => {
    const conn = env.connection();
    const info = await conn.login(env.emulator.credentials.username, env.emulator.credentials.password);
    expect(info.organizationId).toBe(env.emulator.org.orgId);
    expect(info.id).toBe(env.emulator.org.defaultUserId);
    expect(conn.instanceUrl).toBe(env.url);
    expect(conn.accessToken).toMatch(new RegExp(`^${env.emulator.org.orgId.slice(0, 15)}!`));
    const identity = await conn.identity();
    expect(identity).toMatchObject({ user_id: info.id, organization_id: info.organizationId, username: env.emulator.credentials.username, active: true });
  });

  it('password: a wrong password is invalid_grant / authentication failure', async () => {
    const error = await rejection(env.connection().login(env.emulator.credentials.username, 'wrong'));
    expect(error.name).toBe('invalid_grant');
    expect(error.message).toBe('authentication failure');
  });

  it('an unknown consumer key is invalid_client_id; an unknown grant type is unsupported_grant_type', async () => {
    const conn = new Connection({ loginUrl: env.url, version: TEST_VERSION, oauth2: { loginUrl: env.url, clientId: 'nope', clientSecret: 'x' } });
    const bad = await rejection(conn.login(env.emulator.credentials.username, env.emulator.credentials.password));
    expect([bad.name, bad.message]).toEqual(['invalid_client_id', 'client identifier invalid']);
    const unsupported = await rejection(env.connection().authorize({ grant_type: 'urn:example:magic' }));
    expect([unsupported.name, unsupported.message]).toEqual(['unsupported_grant_type', 'grant type not supported']);
  });

  it('client_credentials: a session for the integration user, without a refresh token', async () => {
    const conn = env.connection();
    const info = await conn.authorize({ grant_type: 'client_credentials' });
    expect(info.id).toBe(env.emulator.org.defaultUserId);
    expect(conn.refreshToken).toBeUndefined();
    expect((await conn.describeGlobal()).sobjects.length).toBeGreaterThan(20);
  });

  it('authorization_code: the code buys an access token and a refresh token', async () => {
    const conn = env.connection();
    await conn.authorize(await authorizationCode(conn));
    expect(conn.refreshToken).toMatch(/^5Aep861/);
    const reused = await rejection(env.connection().authorize(await authorizationCode(conn).then(() => 'used-or-unknown')));
    expect(reused.name).toBe('invalid_grant');
  });

  it('JWT bearer: an RS256 assertion signed by the connected app key logs the subject in', async () => {
    const conn = env.connection();
    const info = await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await assertion({}) });
    expect(info.id).toBe(env.emulator.org.defaultUserId);
    expect(await conn.limits()).toHaveProperty('DailyApiRequests');
  });

  it('JWT bearer refusals: wrong key, expired, wrong audience, unknown issuer, unknown user', async () => {
    const grant = async (jwt: string) => rejection(env.connection().authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt }));
    const other = (await generateKeyPair('RS256')).privateKey;
    expect((await grant(await assertion({}, other))).message).toBe('invalid assertion');
    expect((await grant(await assertion({ expSeconds: -600 }))).message).toBe('invalid assertion');
    expect((await grant(await assertion({ aud: 'https://example.com' }))).message).toBe('audience is invalid');
    expect((await grant(await assertion({ iss: 'someone-else' }))).name).toBe('invalid_client_id');
    expect((await grant(await assertion({ sub: 'ghost@example.com' }))).message).toBe("user hasn't approved this consumer");
  });
});

describe('sessions', () => {
  it('an expired session answers 401 INVALID_SESSION_ID to a client that cannot refresh', async () => {
    const logged = await env.login();
    env.clock.advance((SESSION_SECONDS + 1) * 1000);
    const bare = new Connection({ instanceUrl: env.url, accessToken: logged.accessToken ?? '', version: TEST_VERSION });
    const error = await rejection(bare.describeGlobal());
    expect(error.errorCode).toBe('INVALID_SESSION_ID');
    expect(error.message).toBe('Session expired or invalid');
  });

  it('use keeps a session alive: the timeout counts from the last request', async () => {
    const conn = await env.login();
    for (let i = 0; i < 3; i++) {
      env.clock.advance((SESSION_SECONDS - 10) * 1000);
      await conn.limits();
    }
    const bare = new Connection({ instanceUrl: env.url, accessToken: conn.accessToken ?? '', version: TEST_VERSION });
    expect(await bare.limits()).toHaveProperty('DailyApiRequests');
  });

  it('jsforce refreshes an expired session with the refresh token (oauth2 refresh path) and resends', async () => {
    const conn = env.connection();
    await conn.authorize(await authorizationCode(conn));
    const first = conn.accessToken;
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    env.clock.advance((SESSION_SECONDS + 1) * 1000);
    const account = await conn.sobject('Account').create({ Name: 'After refresh' });
    expect(account.success).toBe(true);
    expect(refreshed).toHaveLength(1);
    expect(conn.accessToken).not.toBe(first);
  });

  it('client credentials: a refreshFn that logs in again is what jsforce calls on expiry', async () => {
    let calls = 0;
    const conn = env.connection({
      refreshFn: (c, callback) => {
        calls++;
        c.authorize({ grant_type: 'client_credentials' }).then(
          () => callback(null, c.accessToken ?? undefined),
          (error: Error) => callback(error),
        );
      },
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    env.clock.advance((SESSION_SECONDS + 1) * 1000);
    expect((await conn.describe('Lead')).name).toBe('Lead');
    expect(calls).toBe(1);
  });

  it('password login: jsforce logs in again on expiry', async () => {
    const conn = await env.login();
    env.clock.advance((SESSION_SECONDS + 1) * 1000);
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(1);
  });

  it('a revoked refresh token ends its sessions and can no longer refresh', async () => {
    const conn = env.connection();
    await conn.authorize(await authorizationCode(conn));
    await conn.oauth2.revokeToken(conn.refreshToken ?? '');
    const bare = new Connection({ instanceUrl: env.url, accessToken: conn.accessToken ?? '', version: TEST_VERSION });
    expect((await rejection(bare.limits())).errorCode).toBe('INVALID_SESSION_ID');
    const error = await rejection(conn.oauth2.refreshToken(conn.refreshToken ?? ''));
    expect([error.name, error.message]).toEqual(['invalid_grant', 'expired access/refresh token']);
  });

  it('userinfo answers the OpenID claims of the session user', async () => {
    const conn = await env.login();
    const info = await conn.request<{ user_id: string; preferred_username: string }>(`${env.url}/services/oauth2/userinfo`);
    expect(info.user_id).toBe(env.emulator.org.defaultUserId);
    expect(info.preferred_username).toBe(env.emulator.credentials.username);
  });
});
