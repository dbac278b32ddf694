/**
 * The admin console at `/console`: a single-page app built by Vite into `console/dist` (at install, by `npm start`
 * when stale, or `npm run build -w console`), served here as static files. It is a client of the public graph
 * (`/graphql`, over HTTP and graphql-ws) like any other: the gateway adds no data route for it. In development (the
 * gateway verifies tokens with the development secret, so anyone can mint them already) it also issues tokens for a
 * role picked on the login page.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { issueToken, readBody, repoRoot, ROLES, sendJson, type Role } from '@l2c/shared';

export const CONSOLE_PATH = '/console';

export interface ConsoleOptions {
  /** The built app. Default `console/dist` in the repository. */
  distDir?: string;
  /** Issue development tokens for a picked role (`POST /console/dev-token`), signed with this secret. Default: off. */
  devTokens?: { secret: string } | null;
  /** Where Bull Board is mounted, for the console's link to it. Default `/admin/queues`. */
  bullBoardPath?: string;
}

export interface ConsoleMount {
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * Scripts only from the gateway; connections only to the gateway (HTTP and its WebSocket); styles inline too, since
 * Mantine sets CSS variables in a style element; pictures (the process map's SVG) as data URLs, never as markup.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/** The console's handler, for the gateway's `mounts`. */
export function consoleMount(options: ConsoleOptions = {}): ConsoleMount {
  const distDir = options.distDir ?? join(repoRoot, 'console', 'dist');
  const devTokens = options.devTokens ?? null;
  const session = { devLogin: devTokens !== null, roles: ROLES, bullBoard: options.bullBoardPath ?? '/admin/queues', graphql: '/graphql' };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const path = url.pathname.slice(CONSOLE_PATH.length);
    if (path === '') {
      res.writeHead(308, { location: `${CONSOLE_PATH}/${url.search}` });
      return void res.end();
    }
    if (path === '/session.json' && req.method === 'GET') return sendJson(res, 200, session, { 'cache-control': 'no-store' });
    if (path === '/dev-token') return issueDevToken(req, res, devTokens);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'use GET' }, { allow: 'GET, HEAD' });
    if (path.startsWith('/assets/')) return sendAsset(res, distDir, path);
    // Every other path is the app (it routes on the URL's hash).
    return sendIndex(res, distDir);
  };

  return {
    prefix: CONSOLE_PATH,
    handle(req, res) {
      serve(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.end();
      });
    },
  };
}

async function sendIndex(res: ServerResponse, distDir: string): Promise<void> {
  let html: Buffer;
  try {
    html = await readFile(join(distDir, 'index.html'));
  } catch {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    return void res.end(`The console is not built (no ${join(distDir, 'index.html')}).\nBuild it with: npm run build -w console (npm install and npm start build it too).\n`);
  }
  res.writeHead(200, { 'content-type': TYPES['.html']!, 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
  res.end(html);
}

/** Vite names assets by content hash, so they never change under their name. */
async function sendAsset(res: ServerResponse, distDir: string, path: string): Promise<void> {
  const file = normalize(join(distDir, path));
  if (!file.startsWith(join(distDir, 'assets') + sep)) return sendJson(res, 404, { error: `no console asset ${path}` });
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return sendJson(res, 404, { error: `no console asset ${path}` });
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

/** `POST /console/dev-token` `{ role, dealerAccountId? }` → `{ token }`, in development only. */
async function issueDevToken(req: IncomingMessage, res: ServerResponse, devTokens: { secret: string } | null): Promise<void> {
  if (!devTokens) return sendJson(res, 404, { error: 'development login is off: the gateway does not use the development JWT secret; paste a token instead' });
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'use POST' }, { allow: 'POST' });
  let body: { role?: unknown; dealerAccountId?: unknown };
  try {
    body = JSON.parse(await readBody(req, 4096)) as typeof body;
  } catch {
    return sendJson(res, 400, { error: 'the body must be JSON: { "role": "sf_admin" }' });
  }
  const role = body.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return sendJson(res, 400, { error: `role: must be one of ${ROLES.join(', ')} (got ${JSON.stringify(role)})` });
  const dealer = typeof body.dealerAccountId === 'string' && body.dealerAccountId.trim() !== '' ? body.dealerAccountId.trim() : null;
  if (role === 'partner' && !dealer) return sendJson(res, 400, { error: 'dealerAccountId: a partner acts for one dealer; name its account id' });
  const token = await issueToken(devTokens.secret, { sub: `console-${role}`, roles: [role as Role], dealerAccountId: role === 'partner' ? dealer : null });
  sendJson(res, 200, { token }, { 'cache-control': 'no-store' });
}
