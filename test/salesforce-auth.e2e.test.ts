import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, SalesforceClient, syncConfigShape, syncSettingsFromConfig } from '@l2c/shared';
import { startTestOrg, type TestOrg } from '@l2c/test-support/sync';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
let org: TestOrg;
beforeAll(async () => {
  org = await startTestOrg({ jwtCertificate: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
});
afterAll(() => org.close());

describe('the three login flows against the emulator', () => {
  it('client credentials', async () => {
    const client = await org.connect();
    expect((await client.query('SELECT Id FROM User LIMIT 1')).records).toHaveLength(1);
  });

  it('JWT bearer: a signed assertion, no secret; a new assertion when the session expires', async () => {
    const { clientId, username } = org.emulator.credentials;
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const client = await SalesforceClient.connect(org.clientOptions({ auth: { kind: 'jwt_bearer', loginUrl: org.url, clientId, username, privateKey: pem } }));
    await org.fault({ kind: 'expiredSession', path: '/query' });
    expect((await client.query('SELECT Id FROM User LIMIT 1')).records).toHaveLength(1);
  });

  it('username-password (OAuth password grant, never the SOAP login)', async () => {
    const { clientId, clientSecret, username, password } = org.emulator.credentials;
    const client = await SalesforceClient.connect(org.clientOptions({ auth: { kind: 'password', loginUrl: org.url, clientId, clientSecret, username, password } }));
    await org.control('POST', 'sessions/expire');
    expect((await client.limits()).DailyApiRequests).toBeDefined();
  });
});

describe('choosing the flow from the environment', () => {
  const settings = (env: Record<string, string>) => syncSettingsFromConfig(parseConfig(syncConfigShape, env));

  it('uses the emulator when no org is configured', () => {
    expect(settings({}).salesforce.auth).toMatchObject({ kind: 'client_credentials', loginUrl: 'http://127.0.0.1:4900' });
    expect(settings({}).emulator).toBe(true);
  });

  it('infers the flow from the variables set', () => {
    const base = { SF_LOGIN_URL: 'https://acme.my.salesforce.com', SF_CLIENT_ID: 'id' };
    expect(settings({ ...base, SF_CLIENT_SECRET: 's' }).salesforce.auth.kind).toBe('client_credentials');
    expect(settings({ ...base, SF_CLIENT_SECRET: 's', SF_USERNAME: 'u', SF_PASSWORD: 'p' }).salesforce.auth.kind).toBe('password');
    expect(settings({ ...base, SF_USERNAME: 'u', SF_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----' }).salesforce.auth).toMatchObject({ kind: 'jwt_bearer', privateKey: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' });
  });

  it('names the variables a flow misses, and reads the other settings', () => {
    expect(() => settings({ SF_AUTH_FLOW: 'jwt_bearer', SF_CLIENT_ID: 'id' })).toThrow(ConfigError);
    expect(() => settings({ SF_AUTH_FLOW: 'jwt_bearer', SF_CLIENT_ID: 'id' })).toThrow(/SF_LOGIN_URL: required for the jwt_bearer login.*SF_USERNAME.*SF_PRIVATE_KEY/);
    expect(() => settings({ SYNC_API_RESERVE: 'lots' })).toThrow(/SYNC_API_RESERVE: must be a count such as 5000 or a share such as 10%/);
    const s = settings({ SYNC_SCHEDULE: 'Lead=5, Account=0', SYNC_API_RESERVE: '2500', SYNC_WORKERS: 'off', QUEUE_PREFIX: 'test-1' });
    expect(s.triggers.schedules).toEqual({ defaultMinutes: 10, perObject: { Lead: 5, Account: 0 } });
    expect(s.tuning.apiReserve).toBe(2500);
    expect(s.workers).toBe(false);
    expect(s.prefix).toBe('test-1');
  });
});
