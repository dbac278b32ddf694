/**
 * Child process of the gateway-peers benchmark: Hive Gateway's runtime (`@graphql-hive/gateway`) with its defaults,
 * served by Node's HTTP server as its documentation shows. The only addition is the caller's signed identity our
 * subgraphs require (see `identityHeaders.ts`), passed the documented way (`propagateHeaders.fromClientToSubgraphs`),
 * so Hive's own in-flight deduplication of subgraph calls keys on it as it does on any forwarded header. Sends
 * `{ kind: 'ready' }` when it listens on `PORT`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { callerIdentityHeaders } from './identityHeaders.ts';

const identity = callerIdentityHeaders(process.env.GATEWAY_SIGNING_SECRET!);

const gateway = createGatewayRuntime({
  supergraph: readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8'),
  logging: 'warn',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => identity(request.headers.get('authorization')),
  },
});
const server = createServer(gateway);
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ kind: 'ready' }));
