export { createSubgraphClient, SubgraphRequestError, type IdentityHeaders, type RemoteGraphQLError, type SubgraphClient, type SubgraphClientOptions } from './client.ts';
export { identityHeadersOf } from './forwardIdentity.ts';
