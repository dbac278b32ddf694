import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, postGraphQL, startGateway, tokenFor } from '../testHarness.ts';

const servers: import('node:http').Server[] = [];
afterEach(async () => {
  await closeAll();
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const lists = {
  name: 'lists',
  typeDefs: parse(`${link}
    type Query { featured: [Item!]! recent: [Item!]! }
    type Item @key(fields: "id") { id: ID! }`),
  resolvers: { Query: { featured: () => [{ id: 'i1' }, { id: 'i2' }], recent: () => [{ id: 'i3' }, { id: 'i2' }] } },
};
const labels = {
  name: 'labels',
  typeDefs: parse(`${link}
    type Item @key(fields: "id") { id: ID! label: String }`),
  resolvers: {
    Item: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      label: (item: { id: string }) => {
        if (item.id === 'i3') throw new Error('item i3 has no label yet');
        return `Label of ${item.id}`;
      },
    },
  },
};

/** Serves a subgraph with graphql-js over plain HTTP, counting the calls it gets. */
async function serve(subgraph: typeof lists | typeof labels): Promise<{ url: string; calls: () => number; identities: string[] }> {
  const schema = buildSubgraphSchema({ typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers as never });
  let calls = 0;
  const identities: string[] = [];
  const http = createServer((req, res) => {
    calls++;
    identities.push(String(req.headers['x-l2c-identity']));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
      void Promise.resolve(execute({ schema, document: parse(query), variableValues: variables })).then((result) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  servers.push(http);
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, calls: () => calls, identities };
}

async function gatewayOver(batch: boolean) {
  const [listsServer, labelsServer] = [await serve(lists), await serve(labels)];
  const composed = composeServices([
    { name: lists.name, typeDefs: lists.typeDefs, url: listsServer.url },
    { name: labels.name, typeDefs: labels.typeDefs, url: labelsServer.url },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('; '));
  const { base } = await startGateway({ supergraphSdl: composed.supergraphSdl, subgraphCalls: { batch } });
  return { base, labelsCalls: labelsServer.calls, labelsIdentities: labelsServer.identities };
}

const QUERY = '{ featured { id label } recent { id label } }';

describe('parallel fetches to one subgraph', () => {
  it('go as one call, and each part of the answer, errors included, is what separate calls bring', async () => {
    const token = await tokenFor('staff');
    const merged = await gatewayOver(true);
    const separate = await gatewayOver(false);

    const mergedAnswer = await postGraphQL(merged.base, QUERY, token);
    const separateAnswer = await postGraphQL(separate.base, QUERY, token);

    // The plan fetches labels for `featured` and for `recent` in parallel: two calls unmerged, one merged.
    expect(separate.labelsCalls()).toBe(2);
    expect(merged.labelsCalls()).toBe(1);
    expect(mergedAnswer.body).toEqual(separateAnswer.body);
    expect(mergedAnswer.body.data).toEqual({
      featured: [
        { id: 'i1', label: 'Label of i1' },
        { id: 'i2', label: 'Label of i2' },
      ],
      recent: [
        { id: 'i3', label: null },
        { id: 'i2', label: 'Label of i2' },
      ],
    });
    expect(mergedAnswer.body.errors?.map((error) => [error.message, (error as { path?: unknown }).path])).toEqual([['item i3 has no label yet', ['recent', 0, 'label']]]);
  });

  it('never merge two callers: each caller\'s fetches carry only its own identity', async () => {
    const merged = await gatewayOver(true);
    const [staff, admin] = [await tokenFor('staff'), await tokenFor('sf_admin')];
    const answers = await Promise.all([postGraphQL(merged.base, QUERY, staff), postGraphQL(merged.base, QUERY, admin)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(merged.labelsCalls()).toBe(2);
    const subjects = merged.labelsIdentities.map((header) => (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { subject: string }).subject);
    expect(subjects.sort()).toEqual(['test-sf_admin', 'test-staff']);
  });
});
