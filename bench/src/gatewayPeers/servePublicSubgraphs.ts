/**
 * Child process of the gateway-peers benchmark: serves the four public-shaped subgraphs, each on its own port, with
 * a lean HTTP layer (parse cache, graphql-js execution) so the subgraphs cost as little as possible beside the
 * gateways under test. Sends `{ kind: 'ready', urls }` to the parent when all four listen.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { publicSubgraphs } from './publicGraph.ts';

const urls: Record<string, string> = {};
for (const subgraph of publicSubgraphs) {
  const schema = buildSubgraphSchema({ typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers as never });
  urls[subgraph.name] = await serve(schema);
}
process.send?.({ kind: 'ready', urls });

async function serve(schema: GraphQLSchema): Promise<string> {
  const documents = new Map<string, DocumentNode>();
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown>; operationName?: string };
        let document = documents.get(query);
        if (!document) {
          document = parse(query);
          const errors = validate(schema, document);
          if (errors.length > 0) return send(res, { errors });
          documents.set(query, document);
        }
        send(res, await execute({ schema, document, variableValues: variables, operationName }));
      })().catch((error: unknown) => send(res, { errors: [{ message: String(error) }] }));
    });
  });
  http.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
}

function send(res: import('node:http').ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// Exits cleanly on the benchmark's SIGTERM, so a CPU profile (`BENCH_PEERS_PROFILE_ENTRY=servePublicSubgraphs.ts`) is written.
process.once('SIGTERM', () => process.exit(0));
