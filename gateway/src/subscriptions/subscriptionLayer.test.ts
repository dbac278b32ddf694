import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RedisEventBus, type DomainEvent } from '@l2c/shared';
import { closeAll, composeTestSupergraph, startGateway, startTestSubgraph, tokenFor } from '../testHarness.ts';
import { EVENT_FAMILIES, type EventFamily } from './eventFamilies.ts';
import { SubscriptionCloseCode, subscriptionLayer, type SubscriptionLayerOptions } from './subscriptionLayer.ts';
import { connect, type TestConnection } from './testClient.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Events of the test subgraph's `Node` entity, resolved through `Query.node(id:)`. */
const nodeFamily: EventFamily = {
  field: 'nodeEvents',
  eventType: 'NodeEvent',
  description: 'Test nodes created or changed.',
  entity: { typename: 'Node', field: 'node', query: 'node' },
  types: ['NodeCreated', 'NodeChanged'],
  audience: { staff: 'all', partner: 'own dealer' },
};
const syncJobFamily = EVENT_FAMILIES.find((family) => family.field === 'syncJobEvents')!;

/** Clients first, then the gateways (`closeAll`), then the buses they read. */
const clients: TestConnection[] = [];
const buses: RedisEventBus[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await closeAll();
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});

/** The test subgraph behind a gateway with subscriptions, on a fresh Redis stream; `publish` appends to that stream. */
async function start(options: Partial<SubscriptionLayerOptions> & { closeTimeoutMs?: number } = {}) {
  const stream = `test:subscriptions:${randomBytes(6).toString('hex')}`;
  const bus = new RedisEventBus({ url: redisUrl, stream, blockMs: 100, retentionMs: options.retentionMs });
  const publisher = new RedisEventBus({ url: redisUrl, stream, retentionMs: options.retentionMs });
  buses.push(bus, publisher);
  const subgraph = await startTestSubgraph();
  const { gateway, base } = await startGateway({
    supergraphSdl: composeTestSupergraph(subgraph.url),
    layers: [subscriptionLayer({ bus, families: [nodeFamily, syncJobFamily], keepAliveMs: 0, ...options })],
  });
  const wsUrl = `${base.replace('http', 'ws')}/graphql`;
  return {
    gateway,
    subgraph,
    bus,
    wsUrl,
    publish: (event: Partial<DomainEvent> & { type: string }) =>
      publisher.publish({ eventId: randomUUID(), entity: { typename: 'Node', id: 'n1' }, dealerIds: [], changes: {}, occurredAt: new Date().toISOString(), source: 'test', ...event }),
    async connectAs(role: Parameters<typeof tokenFor>[0], dealer?: string) {
      const connection = connect(wsUrl, { authorization: `Bearer ${await tokenFor(role, dealer)}` });
      clients.push(connection);
      return connection;
    },
    connectWith(params: Record<string, unknown> | null) {
      const connection = connect(wsUrl, params);
      clients.push(connection);
      return connection;
    },
  };
}

type Stack = Awaited<ReturnType<typeof start>>;

/** The newest id of the stream, after publishing a first event so the stream exists. */
async function startingPoint(stack: Stack): Promise<string> {
  await stack.publish({ type: 'NodeCreated', entity: { typename: 'Node', id: 'setup' } });
  return stack.bus.latestId();
}

const NODE_EVENTS = `subscription($after: ID, $types: [NodeEventType!]) {
  nodeEvents(after: $after, types: $types) { id type occurredAt changes nodeId node { id kid: child { id } } }
}`;

interface NodeEvent {
  id: string;
  type: string;
  occurredAt: string;
  changes: Record<string, unknown>;
  nodeId: string;
  node: { id: string; kid: { id: string } } | null;
}

describe('subscriptions over graphql-ws', () => {
  it('delivers events live, in order, with the entity resolved through the supergraph as the subscriber', async () => {
    const stack = await start();
    const staff = await stack.connectAs('staff');
    const events = staff.subscribe<NodeEvent>(NODE_EVENTS);
    // A live subscription starts when the server has registered it: publish until the first event arrives.
    for (let i = 0; events.events.length === 0; i++) {
      if (i > 100) throw new Error('the subscription never started');
      await stack.publish({ type: 'NodeCreated', entity: { typename: 'Node', id: 'warm-up' } });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seen = events.events.length;
    const ids = [];
    for (const n of ['a', 'b', 'c']) ids.push(await stack.publish({ type: 'NodeChanged', entity: { typename: 'Node', id: n }, changes: { name: { from: 'x', to: n } } }));
    const received = (await events.waitFor(seen + 3)).slice(seen);
    expect(received.map((e) => [e.id, e.type, e.nodeId])).toEqual([
      [ids[0], 'NODE_CHANGED', 'a'],
      [ids[1], 'NODE_CHANGED', 'b'],
      [ids[2], 'NODE_CHANGED', 'c'],
    ]);
    expect(received[0]!.node).toEqual({ id: 'a', kid: { id: 'a.1' } });
    expect(received[0]!.changes).toEqual({ name: { from: 'x', to: 'a' } });
    expect(stack.subgraph.seen.at(-1)).toEqual({ subject: 'test-staff', roles: ['staff'], dealerAccountId: null });
  });

  it('gives each partner only the events of its own dealer, filtered by type, and resolves entities as that partner', async () => {
    const stack = await start();
    const after = await startingPoint(stack);
    const north = (await stack.connectAs('partner', 'north')).subscribe<NodeEvent>(NODE_EVENTS, { after, types: ['NODE_CHANGED'] });
    const south = (await stack.connectAs('partner', 'south')).subscribe<NodeEvent>(NODE_EVENTS, { after });
    await stack.publish({ type: 'NodeCreated', entity: { typename: 'Node', id: 'n-north' }, dealerIds: ['north'] });
    await stack.publish({ type: 'NodeChanged', entity: { typename: 'Node', id: 'n-north' }, dealerIds: ['north'] });
    await stack.publish({ type: 'NodeChanged', entity: { typename: 'Node', id: 'n-south' }, dealerIds: ['south'] });
    await stack.publish({ type: 'NodeChanged', entity: { typename: 'Node', id: 'n-both' }, dealerIds: ['south', 'north'] });
    await stack.publish({ type: 'NodeChanged', entity: { typename: 'Node', id: 'n-internal' }, dealerIds: [] });
    await stack.publish({ type: 'SomethingElse', entity: { typename: 'Node', id: 'n-north' }, dealerIds: ['north'] });
    await stack.publish({ type: 'NodeChanged', entity: { typename: 'Other', id: 'n-north' }, dealerIds: ['north'] });
    // A last event for each, so that everything before it has been filtered when it arrives.
    await stack.publish({ type: 'NodeChanged', entity: { typename: 'Node', id: 'last' }, dealerIds: ['north', 'south'] });
    expect((await north.waitFor(3)).map((e) => [e.type, e.nodeId])).toEqual([
      ['NODE_CHANGED', 'n-north'],
      ['NODE_CHANGED', 'n-both'],
      ['NODE_CHANGED', 'last'],
    ]);
    expect((await south.waitFor(3)).map((e) => [e.type, e.nodeId])).toEqual([
      ['NODE_CHANGED', 'n-south'],
      ['NODE_CHANGED', 'n-both'],
      ['NODE_CHANGED', 'last'],
    ]);
    expect(stack.subgraph.seen.map((identity) => identity.dealerAccountId).sort()).toEqual(['north', 'north', 'north', 'south', 'south', 'south']);
  });

  it('resumes after an id with exactly the events after it, then goes on live', async () => {
    const stack = await start();
    const after = await startingPoint(stack);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await stack.publish({ type: 'NodeChanged', entity: { typename: 'Node', id: `n${i}` } }))!);
    const resumeAfter = ids[9]!;
    const events = (await stack.connectAs('staff')).subscribe<NodeEvent>(`subscription($after: ID) { nodeEvents(after: $after) { id nodeId } }`, { after: resumeAfter });
    await events.waitFor(20);
    for (let i = 30; i < 40; i++) ids.push((await stack.publish({ type: 'NodeChanged', entity: { typename: 'Node', id: `n${i}` } }))!);
    await events.waitFor(30);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.events.map((e) => e.id)).toEqual(ids.slice(10));
    expect(after < resumeAfter).toBe(true);
  });

  it('refuses a resume point older than the events kept, with RESUME_POINT_EXPIRED', async () => {
    // Redis trims by MINID a whole node of 100 entries at a time: 150 old events, then one after the retention time.
    const stack = await start({ retentionMs: 400 });
    const old: string[] = [];
    for (let i = 0; i < 150; i++) old.push((await stack.publish({ type: 'NodeChanged' }))!);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await stack.publish({ type: 'NodeChanged' });
    const oldest = (await stack.bus.oldestId())!;
    expect(oldest > old[0]!).toBe(true);
    const expired = (await stack.connectAs('staff')).subscribe(`subscription($after: ID) { nodeEvents(after: $after) { id } }`, { after: old[5] });
    expect(await expired.waitForEnd()).toEqual({ how: 'complete' });
    expect(expired.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^after: the resume point .* is older than the events kept for resuming/),
        path: ['nodeEvents'],
        extensions: expect.objectContaining({ code: 'RESUME_POINT_EXPIRED', after: old[5], oldestId: oldest }),
      }),
    ]);
    const malformed = (await stack.connectAs('staff')).subscribe(`subscription { nodeEvents(after: "yesterday") { id } }`);
    await malformed.waitForEnd();
    expect(malformed.errors[0]).toMatchObject({ message: expect.stringMatching(/^after: must be the id of an event/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses a connection without a valid token with 4403 and the reason', async () => {
    const stack = await start();
    const anonymous = stack.connectWith(null);
    expect(await anonymous.closed).toEqual({ code: 4403, reason: expect.stringMatching(/^Forbidden: no Authorization header/) });
    const forged = stack.connectWith({ token: 'not-a-jwt' });
    expect(await forged.closed).toEqual({ code: 4403, reason: expect.stringMatching(/^Forbidden: bearer token is not valid/) });
    const expired = stack.connectWith({ authorization: `Bearer ${await tokenFor('staff', undefined, '-1 minute')}` });
    expect((await expired.closed).code).toBe(4403);
  });

  it('accepts the token as { token }, and closes the socket with 4403 when the token expires', async () => {
    const stack = await start();
    const shortLived = stack.connectWith({ token: await tokenFor('staff', undefined, '2 seconds') });
    const events = shortLived.subscribe(`subscription { nodeEvents { id } }`);
    const closed = await shortLived.closed;
    expect(closed).toEqual({ code: 4403, reason: 'Forbidden: the token expired; reconnect with a fresh one' });
    expect(events.errors).toEqual([]);
  });

  it('lets engineers and sf_admins hear of sync jobs, and refuses partners and staff with FORBIDDEN', async () => {
    const stack = await start();
    const after = await startingPoint(stack);
    const query = `subscription($after: ID) { syncJobEvents(after: $after) { id type changes syncJobId } }`;
    const engineer = (await stack.connectAs('engineer')).subscribe<{ type: string; syncJobId: string; changes: unknown }>(query, { after });
    const partner = (await stack.connectAs('partner', 'north')).subscribe(query, { after });
    const staff = (await stack.connectAs('staff')).subscribe(query, { after });
    await stack.publish({ type: 'SyncJobProgress', entity: { typename: 'SyncJob', id: 'job-1' }, changes: { processed: 200, total: 1000 } });
    expect(await engineer.waitFor(1)).toEqual([{ type: 'SYNC_JOB_PROGRESS', syncJobId: 'job-1', changes: { processed: 200, total: 1000 }, id: expect.any(String) }]);
    for (const refused of [partner, staff]) {
      await refused.waitForEnd();
      expect(refused.events).toEqual([]);
      expect(refused.errors[0]).toMatchObject({ message: expect.stringMatching(/^syncJobEvents needs one of the roles sf_admin, engineer/), extensions: { code: 'FORBIDDEN' } });
    }
  });

  it('validates selections against the supergraph types, and keeps queries on HTTP', async () => {
    const stack = await start();
    const connection = await stack.connectAs('staff');
    const unknownField = connection.subscribe(`subscription { nodeEvents { node { id colour } } }`);
    const ended = await unknownField.waitForEnd();
    expect(ended.how).toBe('error');
    expect(JSON.stringify(ended)).toMatch(/Cannot query field \\"colour\\" on type \\"Node\\"/);
    const query = connection.subscribe(`query { whoami { subject } }`);
    expect(JSON.stringify(await query.waitForEnd())).toMatch(/send query operations over HTTP/);
  });

  it('disconnects a subscriber that falls behind, with 1013 and the reason, while a fast one keeps receiving', async () => {
    const stack = await start({ bufferSize: 20 });
    const after = await startingPoint(stack);
    const fast = (await stack.connectAs('staff')).subscribe<{ id: string }>(`subscription($after: ID) { nodeEvents(after: $after) { id } }`, { after });
    const slow = await rawSubscriber(stack.wsUrl, await tokenFor('staff'), `subscription($after: ID) { nodeEvents(after: $after) { id changes } }`, { after });
    // The slow client stops reading: once the socket's buffers are full, events queue at the gateway.
    slow.pause();
    const big = 'x'.repeat(32_000);
    for (let i = 0; i < 300; i++) await stack.publish({ type: 'NodeChanged', changes: { big } });
    expect((await fast.waitFor(300)).length).toBe(300);
    slow.resume();
    const closed = await slow.closed;
    expect(closed).toEqual({ code: SubscriptionCloseCode.FellBehind, reason: 'Fell behind: over 20 events waiting; reconnect and resume with after' });
    expect(slow.received()).toBeLessThan(300);
  });

  it('limits the subscriptions one connection may hold', async () => {
    const stack = await start({ maxSubscriptionsPerConnection: 2 });
    const connection = await stack.connectAs('staff');
    const held = [connection.subscribe(`subscription { nodeEvents { id } }`), connection.subscribe(`subscription { nodeEvents { id } }`)];
    const third = connection.subscribe(`subscription { nodeEvents { id } }`);
    expect(JSON.stringify(await third.waitForEnd())).toMatch(/a connection may hold 2 subscriptions at once/);
    expect(held.map((c) => c.ended)).toEqual([null, null]);
  });

  it('pings clients to keep the connection alive', async () => {
    const stack = await start({ keepAliveMs: 50 });
    const socket = await rawSubscriber(stack.wsUrl, await tokenFor('staff'), `subscription { nodeEvents { id } }`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.pings()).toBeGreaterThanOrEqual(3);
  });

  it('closes every socket with 1001 (going away) on shutdown', async () => {
    const stack = await start();
    const connection = await stack.connectAs('staff');
    connection.subscribe(`subscription { nodeEvents { id } }`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await stack.gateway.close();
    expect(await connection.closed).toEqual({ code: 1001, reason: 'Going away: the gateway is shutting down; reconnect and resume' });
  });
});

/**
 * A graphql-transport-ws client on a bare `ws` socket whose reading can be paused, which the graphql-ws client cannot
 * do: a subscriber on a slow network.
 */
async function rawSubscriber(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  let received = 0;
  let pings = 0;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  socket.on('ping', () => pings++);
  const acknowledged = new Promise<void>((resolve) =>
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      if (message.type === 'connection_ack') resolve();
      if (message.type === 'next') received++;
    }),
  );
  await new Promise<void>((resolve) => socket.once('open', () => resolve()));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await acknowledged;
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
  const tcp = (socket as unknown as { _socket: import('node:net').Socket })._socket;
  return {
    closed,
    received: () => received,
    pings: () => pings,
    pause: () => tcp.pause(),
    resume: () => tcp.resume(),
  };
}


