import type { CircuitState } from './subgraphs/circuitBreaker.ts';
import { SubgraphDataSource, type SubgraphCallOptions } from './subgraphs/dataSource.ts';
import { createIdentitySigner } from './subgraphs/identitySigner.ts';

/** A subgraph the gateway sends requests to, at the URL it actually uses (after overrides). */
export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export interface SubgraphServices {
  /** For `ApolloGateway({ buildService })`: called once per subgraph in the supergraph when the gateway loads. */
  buildService(definition: { name: string; url?: string }): SubgraphDataSource;
  /** The subgraphs built so far, in supergraph order. */
  endpoints(): SubgraphEndpoint[];
  /** Each subgraph's circuit, by name (closed, open or half-open), for readiness and metrics. */
  circuits(): Record<string, CircuitState>;
  /** Override names that matched no subgraph of the supergraph: most likely a typo in the configuration. */
  unusedOverrides(): string[];
  /** Closes every subgraph's connection pool. */
  close(): Promise<void>;
}

/**
 * Builds the data sources that carry the caller's identity to subgraphs. Only the signed identity crosses the hop:
 * the client's own headers (its bearer token included) stay at the gateway, so subgraphs trust one thing.
 */
export function subgraphServices(options: { signingSecret: string; urlOverrides: Record<string, string>; calls?: SubgraphCallOptions }): SubgraphServices {
  const built = new Map<string, SubgraphDataSource>();
  const sign = createIdentitySigner(options.signingSecret);
  return {
    buildService({ name, url }) {
      const target = options.urlOverrides[name] ?? url;
      if (!target) throw new Error(`subgraph "${name}" has no URL in the supergraph and none in the URL overrides (SUBGRAPH_URLS)`);
      const source = new SubgraphDataSource(name, target, sign, options.calls);
      built.set(name, source);
      return source;
    },
    endpoints: () => [...built.values()].map(({ name, url }) => ({ name, url })),
    circuits: () => Object.fromEntries([...built.values()].map((source) => [source.name, source.circuit.state])),
    unusedOverrides: () => Object.keys(options.urlOverrides).filter((name) => !built.has(name)),
    close: async () => {
      await Promise.all([...built.values()].map((source) => source.close()));
    },
  };
}
