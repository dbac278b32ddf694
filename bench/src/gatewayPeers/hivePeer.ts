/**
 * Child process of the gateway-peers benchmark: Hive Gateway's runtime (`@graphql-hive/gateway`) with its defaults,
 * served by Node's HTTP server as its documentation shows. The only addition is the signed identity our subgraphs
 * require (see `identityHeaders.ts`). Sends `{ kind: 'ready' }` when it listens on `PORT`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { staffIdentityHeaders } from './identityHeaders.ts';

const identity = staffIdentityHeaders(process.env.GATEWAY_SIGNING_SECRET!);
const signIdentity: GatewayPlugin = {
  onFetch({ options, setOptions }) {
    setOptions({ ...options, headers: { ...options.headers, ...identity() } });
  },
};

const gateway = createGatewayRuntime({
  supergraph: readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8'),
  logging: 'warn',
  plugins: () => [signIdentity],
});
const server = createServer(gateway);
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ kind: 'ready' }));
