/**
 * The console's GraphQL client: urql over the gateway's public `/graphql`, queries and mutations on HTTP and
 * subscriptions on the same path over graphql-ws, each with the caller's bearer token. A 401 (or the socket's 4403)
 * means the token is no good any more: the console signs out.
 */
import { createClient as createWsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange } from 'urql';

export interface GraphClient {
  client: Client;
  dispose(): void;
}

export function createGraphClient(token: string, onUnauthenticated: (reason: string) => void): GraphClient {
  const http = new URL('/graphql', window.location.href);
  const ws = createWsClient({
    url: http.href.replace(/^http/, 'ws'),
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: true,
    retryAttempts: 20,
    shouldRetry: (event) => !(event instanceof CloseEvent && event.code === 4403),
    on: {
      closed: (event) => {
        if (event instanceof CloseEvent && event.code === 4403) onUnauthenticated(event.reason || 'the token was refused');
      },
    },
  });
  const client = new Client({
    url: http.href,
    requestPolicy: 'cache-and-network',
    // POST with a JSON body: the gateway refuses GET queries without a preflight header (CSRF protection).
    preferGetMethod: false,
    fetchOptions: { headers: { authorization: `Bearer ${token}` } },
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 401) onUnauthenticated('the token was refused (expired or not valid)');
      return response;
    },
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
