import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { signIdentity } from '@l2c/shared';
import type { GatewayContext } from './context.ts';

/** A subgraph the gateway sends requests to, at the URL it actually uses (after overrides). */
export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export interface SubgraphServices {
  /** For `ApolloGateway({ buildService })`: called once per subgraph in the supergraph when the gateway loads. */
  buildService(definition: { name: string; url?: string }): RemoteGraphQLDataSource<GatewayContext>;
  /** The subgraphs built so far, in supergraph order. */
  endpoints(): SubgraphEndpoint[];
  /** Override names that matched no subgraph of the supergraph: most likely a typo in the configuration. */
  unusedOverrides(): string[];
}

/**
 * Builds the data sources that carry the caller's identity to subgraphs. Only the signed identity crosses the hop:
 * the client's own headers (its bearer token included) stay at the gateway, so subgraphs trust one thing.
 */
export function subgraphServices(options: { signingSecret: string; urlOverrides: Record<string, string> }): SubgraphServices {
  const built = new Map<string, SubgraphEndpoint>();
  return {
    buildService({ name, url }) {
      const target = options.urlOverrides[name] ?? url;
      if (!target) throw new Error(`subgraph "${name}" has no URL in the supergraph and none in the URL overrides (SUBGRAPH_URLS)`);
      built.set(name, { name, url: target });
      return new SignedIdentityDataSource(target, options.signingSecret);
    },
    endpoints: () => [...built.values()],
    unusedOverrides: () => Object.keys(options.urlOverrides).filter((name) => !built.has(name)),
  };
}

class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly signingSecret: string,
  ) {
    super({ url });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Only client operations carry a caller (a static supergraph means no schema loading; health checks are not enabled).
    // `incomingRequestContext` marks that variant; the enum naming it is not exported by @apollo/gateway.
    if (!('incomingRequestContext' in options)) return;
    const { identity } = options.context;
    if (!identity) throw new Error('no caller identity in the request context; the HTTP layer must authenticate before executing');
    const headers = options.request.http?.headers;
    if (!headers) throw new Error('subgraph request has no HTTP headers to sign');
    for (const [name, value] of Object.entries(signIdentity(identity, this.signingSecret))) headers.set(name, value);
  }
}
