import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the IDE's scripts and styles are served from; the page refers to nothing outside the gateway. */
export const IDE_ASSET_PREFIX = '/ide/';

/**
 * The browser may load nothing from another origin: the IDE must work offline, and a token typed into it must not
 * be readable by a script from elsewhere. Inline styles stay allowed because GraphiQL's components set them.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Answers the GraphiQL page. `graphqlPath` is where it sends operations. */
export function sendIdePage(res: ServerResponse, graphqlPath: string): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'cache-control': 'no-store',
  });
  res.end(idePage(graphqlPath));
}

/** Answers one of the IDE's assets by name (the part after `/ide/`); `false` when there is no such asset. */
export async function sendIdeAsset(res: ServerResponse, name: string): Promise<boolean> {
  const asset = assets.get(name);
  if (!asset) return false;
  const body = await asset.load();
  res.writeHead(200, { 'content-type': asset.contentType, 'content-length': body.length, 'cache-control': 'public, max-age=3600' });
  res.end(body);
  return true;
}

export function idePage(graphqlPath: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>l2c graph · GraphiQL</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${IDE_ASSET_PREFIX}graphiql.min.css">
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
  </head>
  <body>
    <div id="graphiql" data-endpoint="${escapeAttribute(graphqlPath)}">Loading GraphiQL…</div>
    <script src="${IDE_ASSET_PREFIX}react.production.min.js"></script>
    <script src="${IDE_ASSET_PREFIX}react-dom.production.min.js"></script>
    <script src="${IDE_ASSET_PREFIX}graphiql.min.js"></script>
    <script src="${IDE_ASSET_PREFIX}start.js"></script>
  </body>
</html>
`;
}

/**
 * Starts GraphiQL in the page: queries and mutations over HTTP, subscriptions over graphql-ws on the same path. The
 * token comes from the page's own `?token=` on the client side, so the server never writes a caller-supplied value
 * into a script.
 */
const START_SCRIPT = `(function () {
  var root = document.getElementById('graphiql');
  var token = new URLSearchParams(window.location.search).get('token');
  var headers = JSON.stringify({ Authorization: 'Bearer ' + (token || '<token from: npm run token -- staff>') }, null, 2);
  var url = new URL(root.dataset.endpoint, window.location.href);
  var wsUrl = new URL(url.href);
  wsUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  // Subscriptions go over graphql-ws on the same path (GraphiQL's bundle carries the client: nothing is fetched from
  // elsewhere); the editor's headers become the connection_init payload, so its Authorization authenticates the socket.
  var fetcher = GraphiQL.createFetcher({ url: url.href, subscriptionUrl: wsUrl.href });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      headers: headers,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
`;

interface Asset {
  contentType: string;
  load: () => Promise<Buffer>;
}

const require = createRequire(import.meta.url);

const assets = new Map<string, Asset>([
  ['react.production.min.js', packageFile('react', 'umd/react.production.min.js', 'text/javascript; charset=utf-8')],
  ['react-dom.production.min.js', packageFile('react-dom', 'umd/react-dom.production.min.js', 'text/javascript; charset=utf-8')],
  ['graphiql.min.js', packageFile('graphiql', 'graphiql.min.js', 'text/javascript; charset=utf-8')],
  ['graphiql.min.css', packageFile('graphiql', 'graphiql.min.css', 'text/css; charset=utf-8')],
  ['start.js', { contentType: 'text/javascript; charset=utf-8', load: async () => Buffer.from(START_SCRIPT) }],
]);

/** A file of an installed package, read once on first use and kept: together they are about 1.5 MB. */
function packageFile(packageName: string, file: string, contentType: string): Asset {
  let body: Promise<Buffer> | undefined;
  return {
    contentType,
    load: () => {
      // Resolved through package.json because graphiql's `exports` do not list its UMD build.
      body ??= readFile(join(dirname(require.resolve(`${packageName}/package.json`)), file)).catch((error: unknown) => {
        body = undefined;
        throw error;
      });
      return body;
    },
  };
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
