import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startTestEmulator, type TestEmulator } from './testing/testEmulator.ts';

const LIMIT = 50;
let env: TestEmulator;
let conn: Connection;
beforeAll(async () => {
  env = await startTestEmulator({ dailyApiLimit: LIMIT });
  conn = await env.login();
});
afterAll(() => env.close());

describe('API request allowance', () => {
  it('every API response carries Sforce-Limit-Info, which jsforce reads into conn.limitInfo', async () => {
    await env.control('PUT', 'api-usage', { used: 0 });
    await conn.describeGlobal();
    expect(conn.limitInfo.apiUsage).toEqual({ used: 1, limit: LIMIT });
    await conn.sobject('Account').create({ Name: 'Counted' });
    expect(conn.limitInfo.apiUsage).toEqual({ used: 2, limit: LIMIT });
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: LIMIT, Remaining: LIMIT - 3 });
    expect(limits).toHaveProperty('DailyBulkV2QueryJobs');
    expect(limits).toHaveProperty('DataStorageMB');
  });

  it('a spent allowance answers 403 REQUEST_LIMIT_EXCEEDED until the 24-hour window rolls over', async () => {
    await env.control('PUT', 'api-usage', { used: LIMIT - 1 });
    await conn.describe('Lead');
    expect(conn.limitInfo.apiUsage).toEqual({ used: LIMIT, limit: LIMIT });
    const error = await rejection(conn.describe('Lead'));
    expect(error.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(error.message).toBe('TotalRequests Limit exceeded.');
    env.clock.advance(24 * 3_600_000);
    await conn.login(env.emulator.credentials.username, env.emulator.credentials.password);
    await conn.describe('Lead');
    expect(conn.limitInfo.apiUsage).toEqual({ used: 1, limit: LIMIT });
  });
});
