/**
 * A Bayeux 1.0 long-polling server for change events, behaving as Salesforce's CometD endpoint does: handshake
 * (refused without a valid session), `/meta/connect` held open until events arrive or the advised timeout passes,
 * subscribe with the `replay` extension (-1 new events, -2 every retained event, or a replay ID), unsubscribe,
 * disconnect, `403::Unknown client` for a client the server no longer knows (so clients handshake again and
 * resubscribe), and clients dropped when they stop reconnecting.
 *
 * Invariant: an event is queued for a client exactly once per subscribed channel, in replay ID order, and stays
 * queued until a connect reply carrying it has been handed to a live HTTP response.
 */
import { randomBytes } from 'node:crypto';
import { ALL_CHANGE_EVENTS, type ChangeEventStore, type StoredChangeEvent } from '../ChangeEventStore.ts';
import {
  HANDSHAKE_EXT,
  authInvalid,
  channelUnknown,
  failure,
  handshakeDenied,
  replayInvalid,
  unknownClient,
  withId,
  type Advice,
  type AuthFailure,
  type BayeuxReply,
  type BayeuxRequest,
} from './messages.ts';

/** The authenticated session of a request, or why there is none. */
export type StreamingAuth = { ok: true; userId: string } | { ok: false; reason: AuthFailure };

export interface BayeuxServerOptions {
  /** How long a `/meta/connect` is held when there is nothing to deliver, in ms (advice.timeout). Default: 110,000. */
  connectTimeoutMs?: number;
  /** How long a client may go without reconnecting before the server forgets it, in ms. Default: 40,000. */
  clientTimeoutMs?: number;
}

interface PendingConnect {
  reply: BayeuxReply;
  resolve: (messages: BayeuxReply[]) => void;
  timer: NodeJS.Timeout;
}

interface Client {
  id: string;
  userId: string;
  subscriptions: Set<string>;
  queue: BayeuxReply[];
  pending: PendingConnect | null;
  lastSeen: number;
  flushScheduled: boolean;
}

export class BayeuxServer {
  private readonly clients = new Map<string, Client>();
  private readonly connectTimeoutMs: number;
  private readonly clientTimeoutMs: number;
  private readonly sweeper: NodeJS.Timeout;
  private readonly stopListening: () => void;

  constructor(
    private readonly store: ChangeEventStore,
    options: BayeuxServerOptions = {},
  ) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 110_000;
    this.clientTimeoutMs = options.clientTimeoutMs ?? 40_000;
    this.stopListening = store.onEvent((event) => this.deliver(event));
    this.sweeper = setInterval(() => this.sweep(), Math.min(this.clientTimeoutMs, 10_000));
    this.sweeper.unref();
  }

  /** Answers the messages of one HTTP request. A connect may keep the answer pending; `signal` cancels it. */
  async process(messages: readonly BayeuxRequest[], auth: StreamingAuth, signal?: AbortSignal): Promise<BayeuxReply[]> {
    const replies: BayeuxReply[] = [];
    let held: Promise<BayeuxReply[]> | null = null;
    for (const message of messages) {
      const channel = typeof message.channel === 'string' ? message.channel : '';
      if (channel === '/meta/handshake') replies.push(this.handshake(message, auth));
      else if (channel === '/meta/connect') {
        const result = this.connect(message, auth, signal);
        if (Array.isArray(result)) replies.push(...result);
        else held = result;
      } else if (channel === '/meta/subscribe') replies.push(this.subscribe(message, auth));
      else if (channel === '/meta/unsubscribe') replies.push(this.unsubscribe(message, auth));
      else if (channel === '/meta/disconnect') replies.push(this.disconnect(message));
      else replies.push(failure(channel, message.id, channel.startsWith('/meta/') ? '400::Bad request' : '403::Publish not allowed'));
    }
    if (held) replies.push(...(await held));
    return replies;
  }

  /** Answers every held connect and forgets all clients (server shutdown). */
  close(): void {
    clearInterval(this.sweeper);
    this.stopListening();
    for (const client of this.clients.values()) this.release(client, { reconnect: 'retry' });
    this.clients.clear();
  }

  // --- meta channels -------------------------------------------------------------------------------------------

  private handshake(message: BayeuxRequest, auth: StreamingAuth): BayeuxReply {
    if (!auth.ok) return handshakeDenied(message.id, auth.reason);
    const types = Array.isArray(message.supportedConnectionTypes) ? message.supportedConnectionTypes : [];
    if (!types.includes('long-polling')) {
      return failure('/meta/handshake', message.id, `400::Invalid connection type ${types.join(',')}`, { supportedConnectionTypes: ['long-polling'], advice: { reconnect: 'none' } });
    }
    const client: Client = { id: randomBytes(14).toString('base64url'), userId: auth.userId, subscriptions: new Set(), queue: [], pending: null, lastSeen: Date.now(), flushScheduled: false };
    this.clients.set(client.id, client);
    return withId(
      {
        ext: HANDSHAKE_EXT,
        minimumVersion: '1.0',
        clientId: client.id,
        supportedConnectionTypes: ['long-polling'],
        advice: this.advice(),
        channel: '/meta/handshake',
        version: '1.0',
        successful: true,
      },
      message.id,
    );
  }

  private connect(message: BayeuxRequest, auth: StreamingAuth, signal?: AbortSignal): BayeuxReply[] | Promise<BayeuxReply[]> {
    const client = this.known(message);
    if (!client) return [unknownClient('/meta/connect', message.id, message.clientId)];
    if (!auth.ok) {
      this.forget(client);
      return [authInvalid('/meta/connect', message.id, client.id, auth.reason)];
    }
    if (message.connectionType !== undefined && message.connectionType !== 'long-polling') {
      return [failure('/meta/connect', message.id, `400::Invalid connection type ${String(message.connectionType)}`, { clientId: client.id })];
    }
    client.lastSeen = Date.now();
    if (client.pending) this.release(client); // a new connect supersedes the held one
    const reply = withId({ clientId: client.id, advice: this.advice(), channel: '/meta/connect', successful: true }, message.id);
    if (client.queue.length > 0 || message.advice?.timeout === 0 || signal?.aborted) return this.take(client, reply);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.release(client), this.connectTimeoutMs);
      client.pending = { reply, resolve, timer };
      // A dropped HTTP request must not swallow events: cancel the hold and keep the queue for the next connect.
      signal?.addEventListener('abort', () => {
        if (client.pending?.resolve !== resolve) return;
        clearTimeout(timer);
        client.pending = null;
        client.lastSeen = Date.now();
        resolve([]);
      });
    });
  }

  private subscribe(message: BayeuxRequest, auth: StreamingAuth): BayeuxReply {
    const client = this.known(message);
    if (!client) return unknownClient('/meta/subscribe', message.id, message.clientId);
    const subscription = message.subscription;
    const base = { clientId: client.id, ...(subscription !== undefined ? { subscription } : {}) };
    if (!auth.ok) return authInvalid('/meta/subscribe', message.id, client.id, auth.reason);
    if (typeof subscription !== 'string' || subscription === '') return failure('/meta/subscribe', message.id, '400::Channel name not specified', base);
    if (!subscription.startsWith('/')) return failure('/meta/subscribe', message.id, "400::Channel subscriptions must start with a leading '/'", base);
    if (!this.store.isChannel(subscription)) return failure('/meta/subscribe', message.id, channelUnknown(subscription), base);

    const replayMap = message.ext?.replay;
    const requested = replayMap && typeof replayMap === 'object' ? (replayMap as Record<string, unknown>)[subscription] : undefined;
    const replayId = requested === undefined || requested === null ? -1 : Number(requested);
    const lookup = this.store.replay(subscription, replayId);
    if (!lookup.ok) return failure('/meta/subscribe', message.id, replayInvalid(requested), base);

    client.subscriptions.add(subscription);
    for (const event of lookup.events) client.queue.push(this.message(subscription, event));
    if (lookup.events.length > 0) this.scheduleFlush(client);
    return withId({ ...base, channel: '/meta/subscribe', successful: true }, message.id);
  }

  private unsubscribe(message: BayeuxRequest, auth: StreamingAuth): BayeuxReply {
    const client = this.known(message);
    if (!client) return unknownClient('/meta/unsubscribe', message.id, message.clientId);
    if (!auth.ok) return authInvalid('/meta/unsubscribe', message.id, client.id, auth.reason);
    const subscription = message.subscription;
    if (typeof subscription !== 'string' || !client.subscriptions.has(subscription)) {
      return failure('/meta/unsubscribe', message.id, `400::Not subscribed to ${String(subscription)}`, { clientId: client.id, subscription });
    }
    client.subscriptions.delete(subscription);
    client.queue = client.queue.filter((m) => m.channel !== subscription);
    return withId({ clientId: client.id, channel: '/meta/unsubscribe', subscription, successful: true }, message.id);
  }

  private disconnect(message: BayeuxRequest): BayeuxReply {
    const client = this.known(message);
    if (!client) return unknownClient('/meta/disconnect', message.id, message.clientId);
    this.forget(client);
    return withId({ clientId: client.id, channel: '/meta/disconnect', successful: true }, message.id);
  }

  // --- delivery ------------------------------------------------------------------------------------------------

  private deliver(event: StoredChangeEvent): void {
    for (const client of this.clients.values()) {
      let queued = false;
      if (client.subscriptions.has(event.channel)) {
        client.queue.push(this.message(event.channel, event));
        queued = true;
      }
      if (client.subscriptions.has(ALL_CHANGE_EVENTS)) {
        client.queue.push(this.message(ALL_CHANGE_EVENTS, event));
        queued = true;
      }
      if (queued) this.scheduleFlush(client);
    }
  }

  private message(channel: string, event: StoredChangeEvent): BayeuxReply {
    return { data: this.store.data(event), channel };
  }

  /** Hands queued events to the held connect on a later tick, so one transaction's events travel together. */
  private scheduleFlush(client: Client): void {
    if (client.flushScheduled) return;
    client.flushScheduled = true;
    setImmediate(() => {
      client.flushScheduled = false;
      if (client.pending && client.queue.length > 0) this.release(client);
    });
  }

  /** Answers the held connect (with whatever is queued). */
  private release(client: Client, advice?: Partial<Advice>): void {
    const pending = client.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    client.pending = null;
    const reply = advice ? { ...pending.reply, advice: { ...this.advice(), ...advice } } : pending.reply;
    pending.resolve(this.take(client, reply));
  }

  private take(client: Client, reply: BayeuxReply): BayeuxReply[] {
    const messages = client.queue;
    client.queue = [];
    client.lastSeen = Date.now();
    return [...messages, reply];
  }

  private known(message: BayeuxRequest): Client | undefined {
    return typeof message.clientId === 'string' ? this.clients.get(message.clientId) : undefined;
  }

  private forget(client: Client): void {
    this.release(client, { reconnect: 'none' });
    this.clients.delete(client.id);
  }

  private sweep(): void {
    const deadline = Date.now() - this.clientTimeoutMs;
    for (const client of this.clients.values()) {
      if (!client.pending && client.lastSeen < deadline) this.clients.delete(client.id);
    }
  }

  private advice(): Advice {
    return { interval: 0, timeout: this.connectTimeoutMs, reconnect: 'retry' };
  }
}
