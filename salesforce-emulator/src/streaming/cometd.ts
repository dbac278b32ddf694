/**
 * The Streaming API endpoint for Change Data Capture: `POST /cometd/{version}` (and `/cometd/{version}/…`, where
 * CometD clients that append the message type post), speaking Bayeux long-polling as jsforce's faye client does.
 * The server calls `handle(req, res, session)` for every request to `/cometd…` with the session its `Authorization`
 * header resolves to, or null when there is none or it is invalid or expired: the endpoint answers that inside
 * Bayeux (`403::Handshake denied` with `401::Authentication invalid`), as Salesforce does, never with an HTTP 401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Org } from '../org/types.ts';
import { BayeuxServer, type BayeuxServerOptions, type StreamingAuth } from './bayeux/BayeuxServer.ts';
import { failure, type BayeuxReply, type BayeuxRequest } from './bayeux/messages.ts';
import { ChangeEventStore, type ChangeEventStoreOptions } from './ChangeEventStore.ts';

/** The authenticated session, as the server resolved it from the `Authorization` header. */
export interface StreamingSession {
  /** The 18-character ID of the user. */
  userId: string;
}

export interface CometdOptions extends BayeuxServerOptions, ChangeEventStoreOptions {
  org: Org;
  /** The newest API version, named in version errors (`URI format: '/cometd/62.0'`). Default: '62.0'. */
  latestApiVersion?: string;
}

export interface Cometd {
  /** Answers a `/cometd…` request and returns true, or returns false when the URL is not one. */
  handle(req: IncomingMessage, res: ServerResponse, session: StreamingSession | null): Promise<boolean>;
  /** The change event bus (retained events, replay IDs). */
  readonly events: ChangeEventStore;
  /** Answers held connects, stops listening to the org. */
  close(): void;
}

const COMETD_PATH = /^\/cometd(?:\/(\d{2,3}\.\d))?(?:\/.*)?$/;
const OLDEST_VERSION = 37;

export function createCometd(options: CometdOptions): Cometd {
  const events = new ChangeEventStore(options.org, options);
  const bayeux = new BayeuxServer(events, options);
  const latest = options.latestApiVersion ?? '62.0';

  async function handle(req: IncomingMessage, res: ServerResponse, session: StreamingSession | null): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = COMETD_PATH.exec(url.pathname);
    if (!match) return false;
    if (req.method !== 'POST') {
      send(res, 405, [failure('', undefined, `405::HTTP method ${req.method ?? ''} not allowed; only long-polling over POST is supported`)]);
      return true;
    }
    const messages = await readMessages(req);
    if (!messages) {
      send(res, 400, [failure('', undefined, '400::Bad request')]);
      return true;
    }
    const version = match[1];
    if (!version || Number(version) < OLDEST_VERSION) {
      const error = version
        ? `400::Unsupported API version. Only API versions '${OLDEST_VERSION}.0' and later are supported. URI format: '/cometd/${latest}'`
        : `400::API version in the URI is mandatory. URI format: '/cometd/${latest}'`;
      send(res, 200, messages.map((m) => failure(typeof m.channel === 'string' ? m.channel : '', m.id, error, { advice: { reconnect: 'none' } })));
      return true;
    }
    const auth: StreamingAuth = session ? { ok: true, userId: session.userId } : { ok: false, reason: req.headers.authorization ? '401::Authentication invalid' : '401::Request requires authentication' };
    const aborted = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    const replies = await bayeux.process(messages, auth, aborted.signal);
    if (!aborted.signal.aborted) send(res, 200, replies);
    return true;
  }

  return {
    handle,
    events,
    close() {
      bayeux.close();
      events.close();
    },
  };
}

async function readMessages(req: IncomingMessage): Promise<BayeuxRequest[] | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const list = Array.isArray(value) ? value : [value];
    return list.every((m) => m !== null && typeof m === 'object') ? (list as BayeuxRequest[]) : null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, replies: BayeuxReply[]): void {
  const body = JSON.stringify(replies);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
