/**
 * Change Data Capture through jsforce's streaming client (faye over Bayeux long-polling): subscriptions, change
 * event shape and order, replay after reconnecting, and Salesforce's authentication failures. Changes are made
 * through jsforce too (Bulk API 2.0), so every event names the Bulk API as its origin.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type jsforce from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import { startTestEmulator, type TestEmulator, type TestEmulatorOptions } from '../bulk/testing/testEmulator.ts';
import type { ChangeEventData } from './changeEventMessage.ts';

let emu: TestEmulator;
let conn: jsforce.Connection;
/** A faye client; jsforce's bundled faye typings leave out `disconnect`, which faye's Client has. */
type FayeClient = ReturnType<jsforce.Connection['streaming']['createClient']>;
const clients: FayeClient[] = [];

function disconnect(client: FayeClient): void {
  (client as FayeClient & { disconnect(): void }).disconnect();
}

async function start(options: TestEmulatorOptions = {}): Promise<void> {
  emu = await startTestEmulator({ ...options, cometd: { connectTimeoutMs: 1_000, ...options.cometd } });
  conn = connection();
}

function connection(accessToken?: string): jsforce.Connection {
  const c = emu.connection(accessToken ? { accessToken } : {});
  c.bulk2.pollInterval = 20;
  return c;
}

beforeEach(() => start());
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
      commitUser: emu.org.defaultUserId,
      diffFields: [],
    };
    expect(created).toEqual({
      schema: expect.stringMatching(/^[\w-]{22}$/),
      payload: {
        ChangeEventHeader: { ...header, changeType: 'CREATE', changedFields: [], nulledFields: [] },
        Name: name,
        Phone: '555-0100',
        OwnerId: emu.org.defaultUserId,
        CreatedDate: expect.stringMatching(/Z$/),
        CreatedById: emu.org.defaultUserId,
        LastModifiedDate: expect.stringMatching(/Z$/),
        LastModifiedById: emu.org.defaultUserId,
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

  it('refuses a replay ID outside the retention window, and a channel that does not exist', async () => {
    await emu.close();
    await start({ cometd: { retentionMs: 300 } });
    await load('insert', 'Account', [{ Name: `Old ${tag()}` }]);
    const oldest = emu.cometd.events.replay('/data/ChangeEvents', -2);
    const oldId = oldest.ok ? oldest.events[0]?.replayId : undefined;
    expect(oldId).toEqual(expect.any(Number));
    await new Promise((r) => setTimeout(r, 400));
    await load('insert', 'Account', [{ Name: `New ${tag()}` }]);

    const channel = '/data/AccountChangeEvent';
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
    const revoked = connection('00D!not-a-session');
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
    const token = emu.accessToken;
    const failures = inbox<Record<string, unknown>>();
    const client = conn.streaming.createClient([new StreamingExtension.AuthFailure((m: Record<string, unknown>) => failures.push(m))]);
    clients.push(client);
    await client.subscribe('/data/AccountChangeEvent', () => undefined);
    emu.revoke(token);
    const [message] = await failures.waitFor(1, 5_000);
    expect(message).toMatchObject({ channel: '/meta/connect', successful: false, error: '401::Authentication invalid', advice: { reconnect: 'none' } });
  });
});
