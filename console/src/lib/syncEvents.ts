import { useRef } from 'react';
import { useSubscription } from 'urql';
import { SyncJobEventsDocument, type SyncJobEventsSubscription } from '../__generated__/graphql.ts';

export type SyncJobEvent = SyncJobEventsSubscription['syncJobEvents'];

/** What a sync job event says (`changes`), as of the event. */
export interface SyncJobChange {
  parentId: string | null;
  mappings: string[];
  status: string;
  phase: string | null;
  done: number;
  total: number | null;
  apiCalls: number;
}

export function changeOf(event: SyncJobEvent): SyncJobChange {
  const c = (event.changes ?? {}) as Partial<SyncJobChange>;
  return {
    parentId: typeof c.parentId === 'string' ? c.parentId : null,
    mappings: Array.isArray(c.mappings) ? c.mappings : [],
    status: typeof c.status === 'string' ? c.status.toUpperCase() : 'RUNNING',
    phase: typeof c.phase === 'string' ? c.phase : null,
    done: typeof c.done === 'number' ? c.done : 0,
    total: typeof c.total === 'number' ? c.total : null,
    apiCalls: typeof c.apiCalls === 'number' ? c.apiCalls : 0,
  };
}

export const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/**
 * Every sync job event, live, from the gateway's `syncJobEvents` subscription (graphql-ws): `onEvent` is called for
 * each one. Returns whether the subscription is up, and its error.
 */
export function useSyncJobEvents(onEvent: (event: SyncJobEvent) => void, pause = false) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [result] = useSubscription({ query: SyncJobEventsDocument, pause }, (_previous: SyncJobEventsSubscription | undefined, data: SyncJobEventsSubscription) => {
    // urql folds events in while rendering; the listener changes state, so it runs after the render.
    const event = data.syncJobEvents;
    setTimeout(() => handler.current(event), 0);
    return data;
  });
  return { connected: !result.error && !pause, error: result.error };
}
