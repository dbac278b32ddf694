/**
 * Bayeux 1.0 messages as Salesforce's CometD server writes them (Streaming API Developer Guide: How the Client
 * Connects, Handling Streaming API Errors, Streaming API Error Codes). Only long-polling is offered, and every
 * handshake advertises the `replay` extension, which jsforce's `StreamingExtension.Replay` looks for.
 */

/** Any message a client sends. */
export interface BayeuxRequest {
  channel?: unknown;
  id?: unknown;
  clientId?: unknown;
  subscription?: unknown;
  connectionType?: unknown;
  supportedConnectionTypes?: unknown;
  version?: unknown;
  data?: unknown;
  advice?: { timeout?: unknown } & Record<string, unknown>;
  ext?: Record<string, unknown>;
}

export type BayeuxReply = Record<string, unknown> & { channel: string };

export interface Advice {
  reconnect: 'retry' | 'handshake' | 'none';
  interval: number;
  timeout?: number;
}

export const HANDSHAKE_EXT = { replay: true, 'payload.format': true };

/** Salesforce's 401 reasons: no token at all, or a token that is not (or no longer) valid. */
export type AuthFailure = '401::Request requires authentication' | '401::Authentication invalid';

export function handshakeDenied(id: unknown, reason: AuthFailure): BayeuxReply {
  return withId({ ext: { sfdc: { failureReason: reason }, ...HANDSHAKE_EXT }, advice: { reconnect: 'none' }, channel: '/meta/handshake', error: '403::Handshake denied', successful: false }, id);
}

export function unknownClient(channel: string, id: unknown, clientId: unknown): BayeuxReply {
  return withId({ ...(typeof clientId === 'string' ? { clientId } : {}), advice: { reconnect: 'handshake', interval: 0 }, channel, error: '403::Unknown client', successful: false }, id);
}

export function authInvalid(channel: string, id: unknown, clientId: string, reason: AuthFailure): BayeuxReply {
  return withId({ clientId, advice: { reconnect: 'none', interval: 0 }, channel, error: reason, successful: false }, id);
}

export function failure(channel: string, id: unknown, error: string, extra: Record<string, unknown> = {}): BayeuxReply {
  return withId({ ...extra, channel, error, successful: false }, id);
}

/** Adds `id` when the request had one (Bayeux echoes it so the client can match the reply). */
export function withId(reply: BayeuxReply, id: unknown): BayeuxReply {
  return id === undefined ? reply : { ...reply, id };
}

export function replayInvalid(replayId: unknown): string {
  return `400::The replayId {${String(replayId)}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;
}

export function channelUnknown(channel: string): string {
  return `400::The channel you requested to subscribe to does not exist {${channel}}`;
}
