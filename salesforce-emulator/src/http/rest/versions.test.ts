import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startTestEmulator, type TestEmulator } from '../testing/testEmulator.ts';

let env: TestEmulator;
let conn: Connection;
beforeAll(async () => {
  env = await startTestEmulator();
  conn = await env.login();
});
afterAll(() => env.close());

describe('versions and resources', () => {
  it('/services/data lists every version with its release name', async () => {
    const versions = await conn.request<{ label: string; url: string; version: string }[]>('/services/data');
    expect(versions[0]).toEqual({ label: "Winter '11", url: '/services/data/v20.0', version: '20.0' });
    expect(versions).toContainEqual({ label: "Winter '24", url: '/services/data/v59.0', version: '59.0' });
    expect(versions.at(-1)).toEqual({ label: "Summer '25", url: '/services/data/v64.0', version: '64.0' });
  });

  it('the version root maps resources, with the identity URL of the session user', async () => {
    const resources = await conn.request<Record<string, string>>('/services/data/v60.0');
    expect(resources).toMatchObject({ sobjects: '/services/data/v60.0/sobjects', query: '/services/data/v60.0/query', composite: '/services/data/v60.0/composite', limits: '/services/data/v60.0/limits' });
    expect(resources.identity).toBe(`${env.url}/id/${env.emulator.org.orgId}/${env.emulator.org.defaultUserId}`);
  });

  it('any served version works; a version past the newest is NOT_FOUND', async () => {
    const old = await env.login({ version: '42.0' });
    expect((await old.describe('Account')).urls.describe).toBe('/services/data/v42.0/sobjects/Account/describe');
    expect((await rejection(conn.request('/services/data/v99.0/sobjects'))).errorCode).toBe('NOT_FOUND');
  });

  it('GET /sobjects/{T} gives the object summary and recent items', async () => {
    const { id } = await conn.sobject('Account').create({ Name: 'Recent one' });
    const recent = await conn.recent('Account');
    expect(recent[0]).toMatchObject({ Id: id, Name: 'Recent one' });
  });
});
