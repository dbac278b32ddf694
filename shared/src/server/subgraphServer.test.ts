import { buildSchema } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createSubgraphServer, type SubgraphServer } from './subgraphServer.ts';

let server: SubgraphServer | undefined;
afterEach(() => server?.close());

/** A subgraph server with one extra route, `/metrics`, answering `up 1`. */
function serverWithMetrics(): Promise<SubgraphServer> {
  return createSubgraphServer({
    name: 'test',
    schema: buildSchema('type Query { hello: String }'),
    signingSecret: 'secret-0123456789abcdef0123456789',
    createContext: (identity) => ({ identity }),
    ready: async () => true,
    logger: createLogger('test', 'silent'),
    routes: { '/metrics': (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('up 1\n') },
  });
}

describe('subgraph server extra routes', () => {
  it('answers an extra route on the internal port only, without a signed identity; /graphql still refuses callers without one', async () => {
    server = await serverWithMetrics();
    const base = `http://127.0.0.1:${await server.listen(0)}`;
    const internal = `http://127.0.0.1:${server.internalPort}`;
    expect(server.internalPort).not.toBe(Number(new URL(base).port));
    const metrics = await fetch(`${internal}/metrics`);
    expect([metrics.status, await metrics.text()]).toEqual([200, 'up 1\n']);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${internal}/graphql?query=%7Bhello%7D`)).status).toBe(404);
    expect((await fetch(`${base}/graphql?query=%7Bhello%7D`)).status).toBe(401);
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });

  it('refuses a port whose internal companion would pass 65535, naming the port and the limit, before listening on either', async () => {
    server = await serverWithMetrics();
    await expect(server.listen(61_000)).rejects.toThrow('port 61000: the internal listener (metrics, sync) takes the port + 5000, past 65535; choose a port below 60536');
    expect(server.http.listening).toBe(false);
  });
});
