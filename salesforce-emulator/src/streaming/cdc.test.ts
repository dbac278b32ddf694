/**
 * Change Data Capture through jsforce's streaming client (faye over Bayeux long-polling): subscriptions, change
 * event shape and order, replay after reconnecting, and Salesforce's authentication failures. Changes are made
 * through jsforce too (Bulk API 2.0), so every event names the Bulk API as its origin.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type jsforce from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import { startEmulatorForTests, type EmulatorForTests } from '../bulk/testing/emulatorForTests.ts';
import type { ChangeEventData } from './changeEventMessage.ts';

let emu: EmulatorForTests;
let conn: jsforce.Connection;
/** A faye client; jsforce's bundled faye typings leave out `disconnect`, which faye's Client has. */
type FayeClient = ReturnType<jsforce.Connection['streaming']['createClient']>;
const clients: FayeClient[] = [];

function disconnect(client: FayeClient): void {
  (client as FayeClient & { disconnect(): void }).disconnect();
}

async function login(): Promise<jsforce.Connection> {
  const c = await emu.login();
  c.bulk2.pollInterval = 20;
  return c;
}

beforeEach(async () => {
  emu = await startEmulatorForTests();
  conn = await login();
});
afterEach(async () => {
  for (const client of clients.splice(0)) disconnect(client);
  for (const client of Object.values(conn.streaming._fayeClients)) disconnect(client);
  await emu.close();
});

/** Collects messages and waits for a number of them. */
function inbox<T>() {
  const items: T[] = [];
  let wake: (() => void) | null = null;
  return {
    items,
    push(item: T) {
      items.push(item);
      wake?.();
    },
    async waitFor(count: number, timeoutMs = 5_000): Promise<T[]> {
      const deadline = Date.now() + timeoutMs;
      while (items.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${items.length}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
      return items.slice(0, count);
    },
  };
}

async function load(operation: 'insert' | 'update' | 'delete', object: string, input: Record<string, string>[]) {
  const results = await conn.bulk2.loadAndWaitForResults({ object, operation, input });
  expect(results.failedResults).toEqual([]);
  return results.successfulResults.map((r) => r.sf__Id);
}

const tag = () => Math.random().toString(36).slice(2, 8);

describe('Change Data Capture through jsforce streaming', () => {
  it('delivers create, update and delete events in order with the documented header', async () => {
    const events = inbox<ChangeEventData>();
    await conn.streaming.topic('/data/AccountChangeEvent').subscribe((m) => events.push(m as unknown as ChangeEventData));

    const name = `Streamed ${tag()}`;
    const [id] = await load('insert', 'Account', [{ Name: name, Phone: '555-0100' }]);
    await load('update', 'Account', [{ Id: id as string, Name: `${name} renamed`, Phone: '#N/A' }]);
    await load('delete', 'Account', [{ Id: id as string }]);
    const [created, updated, deleted] = await events.waitFor(3);

    const header = {
      entityName: 'Account',
      recordIds: [id],
      changeOrigin: 'com/salesforce/api/bulkapi/60.0',
      transactionKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sequenceNumber: 1,
      commitTimestamp: expect.any(Number),
      commitNumber: expect.any(Number),
      commitUser: conn.userInfo?.id,
      diffFields: [],
    };
    expect(created).toEqual({
      schema: expect.stringMatching(/^[\w-]{22}$/),
      payload: {
        ChangeEventHeader: { ...header, changeType: 'CREATE', changedFields: [], nulledFields: [] },
        Name: name,
        Phone: '555-0100',
        OwnerId: conn.userInfo?.id,
        CreatedDate: expect.stringMatching(/Z$/),
        CreatedById: conn.userInfo?.id,
        LastModifiedDate: expect.stringMatching(/Z$/),
        LastModifiedById: conn.userInfo?.id,
      },
      event: { replayId: expect.any(Number) },
    });
    expect(updated?.payload).toEqual({
      ChangeEventHeader: { ...header, changeType: 'UPDATE', changedFields: ['Name', 'Phone', 'LastModifiedDate'], nulledFields: ['Phone'] },
      Name: `${name} renamed`,
      Phone: null,
      LastModifiedDate: expect.stringMatching(/Z$/),
    });
    expect(deleted?.payload).toEqual({ ChangeEventHeader: { ...header, changeType: 'DELETE', changedFields: [], nulledFields: [] } });
    const replayIds = [created, updated, deleted].map((e) => e?.event.replayId as number);
    expect([...replayIds].sort((a, b) => a - b)).toEqual(replayIds);
    expect(new Set([created, updated, deleted].map((e) => e?.payload.ChangeEventHeader.transactionKey)).size).toBe(3);
  });

  it('delivers every object on /data/ChangeEvents, each event once', async () => {
    const all = inbox<ChangeEventData>();
    await conn.streaming.topic('/data/ChangeEvents').subscribe((m) => all.push(m as unknown as ChangeEventData));
    const t = tag();
    await load('insert', 'Account', [{ Name: `All ${t}` }]);
    await load('insert', 'Contact', [{ LastName: `All ${t}` }, { LastName: `Also ${t}` }]);
    const events = await all.waitFor(3);
    expect(events.map((e) => [e.payload.ChangeEventHeader.entityName, e.payload.ChangeEventHeader.changeType])).toEqual([
      ['Account', 'CREATE'],
      ['Contact', 'CREATE'],
      ['Contact', 'CREATE'],
    ]);
    // The two contacts were written in one transaction.
    expect(events[1]?.payload.ChangeEventHeader.transactionKey).toBe(events[2]?.payload.ChangeEventHeader.transactionKey);
    expect(events.slice(1).map((e) => e.payload.ChangeEventHeader.sequenceNumber)).toEqual([1, 2]);
    await new Promise((r) => setTimeout(r, 100));
    expect(all.items).toHaveLength(3);
  });

  it('stops delivering after unsubscribe', async () => {
    const events = inbox<ChangeEventData>();
    const subscription = conn.streaming.topic('/data/AccountChangeEvent').subscribe((m) => events.push(m as unknown as ChangeEventData));
    await subscription;
    emu.org.insert('Account', [{ Name: `Before ${tag()}` }]);
    await events.waitFor(1);
    subscription.cancel(); // faye sends /meta/unsubscribe once the channel has no listener left
    await new Promise((r) => setTimeout(r, 200));
    emu.org.insert('Account', [{ Name: `After ${tag()}` }]);
    await new Promise((r) => setTimeout(r, 300));
    expect(events.items).toHaveLength(1);
  });

  it('replays from a saved replay ID after reconnecting, with StreamingExtension.Replay', async () => {
    const channel = '/data/AccountChangeEvent';
    const first = inbox<ChangeEventData>();
    const before = conn.streaming.createClient([new StreamingExtension.Replay(channel, -1)]);
    clients.push(before);
    await before.subscribe(channel, (m: ChangeEventData) => first.push(m));
    const t = tag();
    await load('insert', 'Account', [{ Name: `R1 ${t}` }]);
    const [seen] = await first.waitFor(1);
    disconnect(before);

    // Missed while disconnected:
    await load('insert', 'Account', [{ Name: `R2 ${t}` }, { Name: `R3 ${t}` }]);

    const replayed = inbox<ChangeEventData>();
    const after = conn.streaming.createClient([new StreamingExtension.Replay(channel, seen?.event.replayId)]);
    clients.push(after);
    await after.subscribe(channel, (m: ChangeEventData) => replayed.push(m));
    await load('insert', 'Account', [{ Name: `R4 ${t}` }]);
    const events = await replayed.waitFor(3);
    const names = events.map((e) => e.payload.Name);
    expect(names).toEqual([`R2 ${t}`, `R3 ${t}`, `R4 ${t}`]);

    const everything = inbox<ChangeEventData>();
    const all = conn.streaming.createClient([new StreamingExtension.Replay(channel, -2)]);
    clients.push(all);
    await all.subscribe(channel, (m: ChangeEventData) => everything.push(m));
    expect((await everything.waitFor(4)).map((e) => e.payload.Name)).toEqual([`R1 ${t}`, `R2 ${t}`, `R3 ${t}`, `R4 ${t}`]);
  });

  it('refuses a replay ID outside the 72-hour retention window, and a channel that does not exist', async () => {
    const channel = '/data/AccountChangeEvent';
    await load('insert', 'Account', [{ Name: `Old ${tag()}` }]);
    const seen = inbox<ChangeEventData>();
    const first = conn.streaming.createClient([new StreamingExtension.Replay(channel, -2)]);
    clients.push(first);
    await first.subscribe(channel, (m: ChangeEventData) => seen.push(m));
    const oldId = (await seen.waitFor(1))[0]?.event.replayId;

    emu.advanceClock(72 * 60 * 60 * 1000 + 1_000);
    conn = await login(); // the session expired with the jump
    await load('insert', 'Account', [{ Name: `New ${tag()}` }]);

    const stale = conn.streaming.createClient([new StreamingExtension.Replay(channel, oldId)]);
    clients.push(stale);
    // faye's Error.parse does not read Salesforce's error text (braces, periods), so the message is the whole string.
    await expect(stale.subscribe(channel, () => undefined)).rejects.toMatchObject({
      message: `400::The replayId {${oldId}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`,
    });
    const retained = inbox<ChangeEventData>();
    const fresh = conn.streaming.createClient([new StreamingExtension.Replay(channel, -2)]);
    clients.push(fresh);
    await fresh.subscribe(channel, (m: ChangeEventData) => retained.push(m));
    expect((await retained.waitFor(1)).map((e) => String(e.payload.Name).slice(0, 3))).toEqual(['New']);

    await expect(conn.streaming.topic('/data/Nope__ChangeEvent').subscribe(() => undefined)).rejects.toMatchObject({
      message: '400::The channel you requested to subscribe to does not exist {/data/Nope__ChangeEvent}',
    });
  });

  it('denies the handshake of an invalid session with 401::Authentication invalid (StreamingExtension.AuthFailure)', async () => {
    const failures = inbox<Record<string, unknown>>();
    const revoked = emu.withToken('00D!not-a-session');
    const client = revoked.streaming.createClient([new StreamingExtension.AuthFailure((m: Record<string, unknown>) => failures.push(m))]);
    clients.push(client);
    client.subscribe('/data/AccountChangeEvent', () => undefined);
    const [message] = await failures.waitFor(1);
    expect(message).toMatchObject({
      channel: '/meta/handshake',
      successful: false,
      error: '403::Handshake denied',
      advice: { reconnect: 'none' },
      ext: { sfdc: { failureReason: '401::Authentication invalid' } },
    });
  });

  it('ends a connected client whose session is revoked with 401::Authentication invalid on /meta/connect', async () => {
    const failures = inbox<Record<string, unknown>>();
    const events = inbox<ChangeEventData>();
    const client = conn.streaming.createClient([new StreamingExtension.AuthFailure((m: Record<string, unknown>) => failures.push(m))]);
    clients.push(client);
    await client.subscribe('/data/AccountChangeEvent', (m: ChangeEventData) => events.push(m));
    // Let faye's connect cycle settle into a held /meta/connect, which was authorized when it arrived.
    await new Promise((r) => setTimeout(r, 200));
    await conn.logout(); // revokes the token the streaming client presents
    // The held connect returns with this event; the client's next connect carries the revoked token.
    emu.org.insert('Account', [{ Name: `After logout ${tag()}` }]);
    await events.waitFor(1);
    const [message] = await failures.waitFor(1);
    expect(message).toMatchObject({ channel: '/meta/connect', successful: false, error: '401::Authentication invalid', advice: { reconnect: 'none' } });
  });
});
