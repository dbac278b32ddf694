import type { SubgraphEndpoint } from './subgraphServices.ts';

/** What `/ready` answers: ready only when every subgraph is, with each subgraph's state so an operator sees which is not. */
export interface Readiness {
  ready: boolean;
  /** Subgraph name → `ready`, or why not (`answered 503`, `unreachable: …`, `no answer within 2000 ms`). */
  subgraphs: Record<string, string>;
}

/**
 * Asks every subgraph's `/ready` (beside its GraphQL path's origin, as `createSubgraphServer` serves it), in parallel,
 * each bounded by `timeoutMs` so one hung subgraph cannot hang the probe.
 */
export async function checkSubgraphs(endpoints: readonly SubgraphEndpoint[], timeoutMs: number): Promise<Readiness> {
  const states = await Promise.all(endpoints.map(async ({ name, url }) => [name, await probe(new URL('/ready', url), timeoutMs)] as const));
  return { ready: states.every(([, state]) => state === 'ready'), subgraphs: Object.fromEntries(states) };
}

async function probe(url: URL, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status === 200 ? 'ready' : `answered ${response.status}`;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
    return `unreachable: ${reasonOf(error)}`;
  }
}

/** Node's fetch hides the socket error (ECONNREFUSED, ENOTFOUND) in `cause`; that is the part worth reporting. */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
