import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, startTestGateway } from './testHarness.ts';

afterEach(closeAll);

const EXTERNAL = /(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i;

describe('the IDE', () => {
  it('serves a GraphiQL page and its assets from the gateway, with nothing from another host', async () => {
    const { base } = await startTestGateway();
    const page = await fetch(`${base}/?token=abc`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).not.toMatch(EXTERNAL);
    expect(html).not.toContain('abc');

    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    const assets = references.filter((reference) => !reference.startsWith('data:'));
    expect(assets).toEqual(['/ide/graphiql.min.css', '/ide/react.production.min.js', '/ide/react-dom.production.min.js', '/ide/graphiql.min.js', '/ide/start.js']);
    const sizes: Record<string, number> = {};
    for (const asset of assets) {
      const response = await fetch(`${base}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      const text = await response.text();
      sizes[asset] = text.length;
      if (asset.endsWith('.css')) expect(text, asset).not.toMatch(/url\(\s*["']?(https?:)?\/\//);
    }
    expect(sizes['/ide/graphiql.min.js']).toBeGreaterThan(500_000);
    expect(sizes['/ide/react-dom.production.min.js']).toBeGreaterThan(100_000);
  });

  it('puts the token from ?token= into the header editor, on the client', async () => {
    const { base } = await startTestGateway();
    const start = await (await fetch(`${base}/ide/start.js`)).text();
    expect(start).toContain("new URLSearchParams(window.location.search).get('token')");
    expect(start).toContain("Authorization: 'Bearer ' +");
    expect(start).not.toMatch(EXTERNAL);
  });

  it('sends subscriptions over graphql-ws on the same path, with the client GraphiQL bundles (nothing from a CDN)', async () => {
    const { base } = await startTestGateway();
    const start = await (await fetch(`${base}/ide/start.js`)).text();
    expect(start).toContain("wsUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'");
    expect(start).toContain('GraphiQL.createFetcher({ url: url.href, subscriptionUrl: wsUrl.href })');
    const bundle = await (await fetch(`${base}/ide/graphiql.min.js`)).text();
    // The bundle resolves graphql-ws's createClient from itself for subscriptionUrl, not with an import from elsewhere.
    expect(bundle).toMatch(/if\(e\.subscriptionUrl\)return async function\(e,t\)\{let n;try\{const\{createClient:r\}=await Promise\.resolve\(\)\.then/);
    expect(bundle).toContain('graphql-transport-ws');
  });

  it('answers a browser on /graphql with the page, without asking for a token', async () => {
    const { base } = await startTestGateway();
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="graphiql" data-endpoint="/graphql">');
  });
});
