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

const MINUTE = 60_000;

describe('getUpdated and getDeleted', () => {
  it('report the records changed or deleted in a window, up to the last whole minute', async () => {
    const start = env.clock.now();
    const a = await conn.sobject('Account').create({ Name: 'Window A' });
    env.clock.advance(2 * MINUTE);
    const b = await conn.sobject('Account').create({ Name: 'Window B' });
    await conn.sobject('Account').destroy(a.id ?? '');
    env.clock.advance(30_000);

    const updated = await conn.sobject('Account').updated(start, env.clock.now());
    // B was written in the minute in progress: not covered yet. A was deleted: getDeleted reports it.
    expect(updated.ids).toEqual([]);
    expect(updated.latestDateCovered).toBe('2025-03-10T09:02:00.000+0000');

    env.clock.advance(MINUTE);
    const next = await conn.sobject('Account').updated(updated.latestDateCovered, env.clock.now());
    expect(next.ids).toEqual([b.id]);

    const deleted = await conn.sobject('Account').deleted(start, env.clock.now());
    expect(deleted.deletedRecords).toEqual([{ id: a.id, deletedDate: '2025-03-10T09:02:00.000+0000' }]);
    expect(deleted.latestDateCovered).toBe('2025-03-10T09:03:00.000+0000');
    expect(deleted.earliestDateAvailable).toBe('2025-02-23T09:03:00.000+0000');
  });

  it('refuse a start older than the window: 30 days for updated, 15 for deleted', async () => {
    const now = env.clock.now().getTime();
    const updated = await rejection(conn.sobject('Account').updated(new Date(now - 31 * 86_400_000), new Date(now)));
    expect(updated.errorCode).toBe('INVALID_REPLICATION_DATE');
    const deleted = await rejection(conn.sobject('Account').deleted(new Date(now - 16 * 86_400_000), new Date(now)));
    expect(deleted.errorCode).toBe('INVALID_REPLICATION_DATE');
  });
});
