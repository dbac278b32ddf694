/**
 * Child process of the gateway-peers benchmark: a plain `@apollo/gateway` behind `@apollo/server`'s standalone HTTP
 * server, with no plugins, as a team would start one from Apollo's documentation. The only addition is the caller's
 * signed identity our subgraphs require (see `identityHeaders.ts`). Sends `{ kind: 'ready' }` when it listens on `PORT`.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { callerIdentityHeaders } from './identityHeaders.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const identity = callerIdentityHeaders(process.env.GATEWAY_SIGNING_SECRET!);

interface Context {
  authorization: string | undefined;
}

class IdentityDataSource extends RemoteGraphQLDataSource<Context> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>): void {
    for (const [name, value] of Object.entries(identity(context.authorization))) request.http?.headers.set(name, value);
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8'),
  buildService: ({ url }) => new IdentityDataSource({ url }),
});
const server = new ApolloServer<Context>({ gateway });
await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT), host: '127.0.0.1' },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
process.send?.({ kind: 'ready' });
