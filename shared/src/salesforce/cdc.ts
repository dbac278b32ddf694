/**
 * Change Data Capture over CometD (jsforce's faye client): calls back with each change event's header, so the sync
 * can start an incremental for the object at once instead of waiting for the next poll. Events the sync's own calls
 * caused (`changeOrigin` carries our `client=` name) are reported with `ours: true`.
 *
 * CDC is an accelerator, never the source of truth: the incremental it triggers reads by SystemModstamp, so a missed
 * event costs latency, not data. When the org does not offer CDC (handshake or subscribe refused) the subscription
 * reports `unavailable` and polling alone carries on; it tries again after `retryMs`.
 */
import type { Logger } from '../logger.ts';
import type { SalesforceClient } from './client.ts';

export interface ChangeEventInfo {
  entityName: string;
  changeType: 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE' | 'GAP_CREATE' | 'GAP_UPDATE' | 'GAP_DELETE' | 'GAP_UNDELETE' | 'GAP_OVERFLOW' | string;
  recordIds: string[];
  commitTimestamp: number;
  replayId: number;
  /** True when the change came from this client's own calls (an echo of a push). */
  ours: boolean;
}

export interface CdcSubscriptionOptions {
  client: SalesforceClient;
  /** `/data/ChangeEvents` (all selected objects) or `/data/LeadChangeEvent`. Default `/data/ChangeEvents`. */
  channel?: string;
  /** Our `Sforce-Call-Options` client name, to recognise our own changes. Default `l2c-sync`. */
  clientName?: string;
  /** Where to start: -1 new events only, -2 everything retained, or a replay ID. Default -1. */
  replayId?: number;
  onEvent(event: ChangeEventInfo): void;
  /** Called when the subscription is live, and when it is lost or refused. */
  onState?(state: 'live' | 'unavailable', reason?: string): void;
  /** Delay before subscribing again after a refusal or loss, ms. Default 60,000. */
  retryMs?: number;
  logger?: Logger;
}

export interface CdcSubscription {
  readonly state: 'starting' | 'live' | 'unavailable' | 'closed';
  close(): Promise<void>;
}

interface FayeSubscription {
  then(onFulfilled: () => void, onRejected: (error: unknown) => void): unknown;
  cancel(): void;
}
interface FayeClient {
  subscribe(channel: string, listener: (message: unknown) => void): FayeSubscription;
  disconnect(): void;
  on(event: string, listener: () => void): void;
}

export function subscribeChanges(options: CdcSubscriptionOptions): CdcSubscription {
  const channel = options.channel ?? '/data/ChangeEvents';
  const marker = `client=${options.clientName ?? 'l2c-sync'}`;
  let state: CdcSubscription['state'] = 'starting';
  let faye: FayeClient | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let lastReplayId = options.replayId ?? -1;

  const setState = (next: 'live' | 'unavailable', reason?: string) => {
    if (state === 'closed' || state === next) return;
    state = next;
    options.onState?.(next, reason);
  };

  const retry = (reason: string) => {
    if (state === 'closed') return;
    setState('unavailable', reason);
    faye?.disconnect();
    faye = null;
    retryTimer ??= setTimeout(() => {
      retryTimer = null;
      void start();
    }, options.retryMs ?? 60_000);
  };

  const start = async () => {
    if (state === 'closed') return;
    try {
      // a cheap call first: renews an expired session, so the handshake carries a valid token
      await options.client.request({ method: 'GET', path: '/limits' });
      const { StreamingExtension } = (await import('jsforce/lib/api/streaming.js')) as unknown as { StreamingExtension: { Replay: new (channel: string, replayId: number) => object; AuthFailure: new (callback: () => void) => object } };
      const conn = options.client.connection as unknown as { streaming: { createClient(extensions: object[]): FayeClient } };
      const replay = new StreamingExtension.Replay(channel, lastReplayId);
      const authFailure = new StreamingExtension.AuthFailure(() => retry('the streaming session was refused'));
      const client = conn.streaming.createClient([replay, authFailure]);
      faye = client;
      const subscription = client.subscribe(channel, (message) => {
        const event = parse(message, marker);
        if (!event) return;
        lastReplayId = Math.max(lastReplayId, event.replayId);
        options.onEvent(event);
      });
      subscription.then(
        () => setState('live'),
        (error: unknown) => retry(`subscribe to ${channel} refused: ${(error as Error)?.message ?? String(error)}`),
      );
      client.on('transport:down', () => {
        if (state !== 'closed') options.logger?.warn({ channel }, 'change data capture connection down; faye reconnects');
      });
    } catch (error) {
      retry(`could not subscribe: ${(error as Error).message}`);
    }
  };
  void start();

  return {
    get state() {
      return state;
    },
    async close() {
      state = 'closed';
      if (retryTimer) clearTimeout(retryTimer);
      faye?.disconnect();
      faye = null;
    },
  };
}

function parse(message: unknown, marker: string): ChangeEventInfo | null {
  const data = message as { payload?: { ChangeEventHeader?: Record<string, unknown> }; event?: { replayId?: number } };
  const header = data?.payload?.ChangeEventHeader;
  if (!header || typeof header.entityName !== 'string') return null;
  const origin = typeof header.changeOrigin === 'string' ? header.changeOrigin : '';
  return {
    entityName: header.entityName,
    changeType: String(header.changeType ?? ''),
    recordIds: Array.isArray(header.recordIds) ? header.recordIds.map(String) : [],
    commitTimestamp: Number(header.commitTimestamp ?? 0),
    replayId: Number(data.event?.replayId ?? -1),
    ours: origin.split(';').some((part) => part.trim() === marker),
  };
}
