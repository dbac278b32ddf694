import type { Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../server.ts';
import { rejection, startTestEmulator, type TestEmulator } from '../testing/testEmulator.ts';

let env: TestEmulator;
let conn: Connection;
beforeAll(async () => {
  env = await startTestEmulator();
  conn = await env.login();
});
beforeEach(async () => {
  await env.control('DELETE', 'faults');
  await env.control('DELETE', 'requests');
});
afterAll(() => env.close());

const fault = (spec: Record<string, unknown>) => env.control('POST', 'faults', spec);
const counts = async () => ((await env.control('GET', 'requests')) as { endpoints: Record<string, number> }).endpoints;

describe('injected faults, as jsforce sees them', () => {
  it('an expired session mid-run: jsforce logs in again and resends', async () => {
    await fault({ kind: 'expiredSession', path: '/sobjects/Account$', method: 'POST' });
    const before = conn.accessToken;
    expect((await conn.sobject('Account').create({ Name: 'Survives expiry' })).success).toBe(true);
    expect(conn.accessToken).not.toBe(before);
    const seen = await counts();
    expect(seen['POST /services/oauth2/token']).toBe(1);
    expect(seen['POST /services/data/v60.0/sobjects/Account']).toBe(2);
  });

  it('503 on a GET is retried by jsforce; on a POST it surfaces as the error', async () => {
    await fault({ kind: 'unavailable', path: '/sobjects/Lead/describe' });
    expect((await conn.describe('Lead')).name).toBe('Lead');
    expect((await counts())['GET /services/data/v60.0/sobjects/Lead/describe']).toBe(2);
    await fault({ kind: 'unavailable', path: '/sobjects/Lead$', method: 'POST' });
    const error = await rejection(conn.sobject('Lead').create({ LastName: 'x', Company: 'y' }));
    expect(error.errorCode).toBe('SERVER_UNAVAILABLE');
  });

  it('UNABLE_TO_LOCK_ROW: the error of a single-record call, a per-record error in a collection', async () => {
    const { id = '' } = await conn.sobject('Account').create({ Name: 'Locked' });
    await fault({ kind: 'unableToLockRow', path: '/sobjects/Account/', method: 'PATCH' });
    const error = await rejection(conn.sobject('Account').update({ Id: id, Name: 'Locked 2' }));
    expect(error.errorCode).toBe('UNABLE_TO_LOCK_ROW');
    await fault({ kind: 'unableToLockRow', path: '/composite/sobjects$' });
    const results = await conn.sobject('Account').update([{ Id: id, Name: 'Locked 3' }]);
    expect(results[0]).toMatchObject({ success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW' }] });
    expect((await conn.sobject('Account').update([{ Id: id, Name: 'Unlocked' }]))[0]?.success).toBe(true);
  });

  it('a validation rule refuses the records of a collection with its message and fields, and writes nothing', async () => {
    const { id = '' } = await conn.sobject('Account').create({ Name: 'Validated' });
    await fault({ kind: 'validationRule', path: '/composite/sobjects$', method: 'PATCH', message: 'Phone must be in E.164 format', fields: ['Phone'] });
    const results = await conn.sobject('Account').update([{ Id: id, Phone: '555' }]);
    expect(results[0]).toMatchObject({ success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Phone must be in E.164 format', fields: ['Phone'] }] });
    expect((await conn.sobject('Account').retrieve(id)).Phone ?? null).toBeNull();
    expect((await conn.sobject('Account').update([{ Id: id, Phone: '+15550100' }]))[0]?.success).toBe(true);
    await fault({ kind: 'validationRule', path: '/sobjects/Account$', method: 'POST', message: 'Name is reserved', fields: ['Name'] });
    const error = await rejection(conn.sobject('Account').create({ Name: 'Reserved' }));
    expect(error.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
  });

  it('a slow answer arrives after the delay', async () => {
    await fault({ kind: 'delay', path: '/limits', delayMs: 300 });
    const started = performance.now();
    await conn.limits();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('a dropped connection: jsforce retries a GET, a POST fails with the socket error', async () => {
    await fault({ kind: 'drop', path: '/sobjects/Contact/describe' });
    expect((await conn.describe('Contact')).name).toBe('Contact');
    await fault({ kind: 'drop', path: '/sobjects/Contact$', method: 'POST' });
    const error = await rejection(conn.sobject('Contact').create({ LastName: 'Dropped' }));
    expect(error.message).toMatch(/socket hang up|ECONNRESET/);
  });

  it('a fault hits only as many requests as asked', async () => {
    await fault({ kind: 'unavailable', path: '/sobjects/Opportunity/describe', count: 2 });
    expect((await conn.describe('Opportunity')).name).toBe('Opportunity');
    expect((await counts())['GET /services/data/v60.0/sobjects/Opportunity/describe']).toBe(3);
  });

  it('request counts group record IDs under {id}', async () => {
    const { id = '' } = await conn.sobject('Account').create({ Name: 'Counted' });
    await conn.sobject('Account').retrieve(id);
    await conn.sobject('Account').retrieve(id);
    expect((await counts())['GET /services/data/v60.0/sobjects/Account/{id}']).toBe(2);
  });

  it('the control endpoint does not exist unless enabled', async () => {
    await using emulator = createEmulator();
    const url = await emulator.listen(0);
    expect((await fetch(`${url}/__control/requests`)).status).toBe(404);
  });
});
