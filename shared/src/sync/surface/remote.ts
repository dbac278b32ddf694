/**
 * The sync surface of another subgraph's engine, reached at its internal route (`POST /sync`) as the caller: the
 * caller's identity and the request are signed with the secret the subgraphs share with the gateway.
 */
import { DomainError, subgraphUnavailable, type ErrorCode } from '../../errors.ts';
import type { Identity } from '../../identity.ts';
import { signInternalRequest } from '../../internalRequest.ts';
import { SYNC_SURFACE_PATH } from './route.ts';
import type { SyncSurface, SyncSurfaceOperation } from './surface.ts';
import { readResult, type WireAnswer } from './wire.ts';

export interface RemoteSyncOptions {
  /** The subgraph (`cpq`): names its objects and ids in the graph and its errors. */
  name: string;
  /** Its internal route, e.g. `http://127.0.0.1:9002/sync`. */
  url: string;
  signingSecret: string;
  /** How long one request may take before the subgraph counts as unavailable. Default 5,000 ms. */
  timeoutMs?: number;
  /** How long the subgraph's object names are remembered. Default 60,000 ms. */
  namesMaxAgeMs?: number;
}

/** A remote subgraph's sync, per caller. */
export interface RemoteSyncSource {
  readonly name: string;
  readonly url: string;
  /** The surface as `identity` reaches it. */
  as(identity: Identity): SyncSurface;
}

export function remoteSyncSource(options: RemoteSyncOptions): RemoteSyncSource {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const namesMaxAgeMs = options.namesMaxAgeMs ?? 60_000;
  // Object names change only when the subgraph is redeployed: remembered a while, so routing a name costs no call.
  let names: { at: number; value: string[] } | null = null;

  const call = async (identity: Identity, op: SyncSurfaceOperation, args: unknown[]): Promise<unknown> => {
    const body = JSON.stringify({ op, args });
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signInternalRequest(identity, options.signingSecret, SYNC_SURFACE_PATH, body) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${(error as Error).message} at ${options.url}`;
      throw subgraphUnavailable(options.name, reason);
    }
    let answer: WireAnswer;
    try {
      answer = (await response.json()) as WireAnswer;
    } catch {
      throw subgraphUnavailable(options.name, `HTTP ${response.status} without a readable answer from ${options.url}`);
    }
    if ('result' in answer) return readResult[op](answer.result);
    const { code, message, details } = answer.error;
    if (response.status >= 500) throw subgraphUnavailable(options.name, `${message} (${code})`);
    throw new DomainError(code as ErrorCode, message, { ...details, subgraph: options.name });
  };

  return {
    name: options.name,
    url: options.url,
    as(identity) {
      const ask = <T>(op: SyncSurfaceOperation, ...args: unknown[]) => call(identity, op, args) as Promise<T>;
      return {
        async objectNames() {
          if (names && Date.now() - names.at < namesMaxAgeMs) return names.value;
          const value = await ask<string[]>('objectNames');
          if (value.length > 0) names = { at: Date.now(), value };
          return value;
        },
        startSync: (request) => ask('startSync', request),
        cancel: (runId) => ask('cancel', runId),
        listRuns: (filter) => ask('listRuns', filter ?? {}),
        getRun: (runId) => ask('getRun', runId),
        objectStates: () => ask('objectStates'),
        listFailures: (filter) => ask('listFailures', filter ?? {}),
        retryFailures: (ids, requestedBy) => ask('retryFailures', ids, requestedBy ?? null),
        skipFailures: (ids) => ask('skipFailures', ids),
        listConflicts: (filter) => ask('listConflicts', filter ?? {}),
        resolveConflict: (id, keep, resolvedBy, edits) => ask('resolveConflict', id, keep, resolvedBy, edits ?? {}),
        apiUsage: () => ask('apiUsage'),
      };
    },
  };
}
