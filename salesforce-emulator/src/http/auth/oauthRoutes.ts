/**
 * The OAuth endpoints under `/services/oauth2/` and the identity URL `/id/<orgId>/<userId>`, over node's http.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readText, sendJson } from '../io.ts';
import { identityBody, userInfoBody } from './identity.ts';
import { OAuthError, oauthErrors } from './oauthErrors.ts';
import { handleTokenRequest } from './tokenEndpoint.ts';
import type { AuthContext } from './types.ts';

/** Authorization codes live ten minutes, as Salesforce's do. */
const CODE_TTL_MS = 10 * 60_000;
const IDENTITY_PATH = /^\/id\/([0-9A-Za-z]{15,18})\/([0-9A-Za-z]{15,18})\/?$/;

/** Answers an OAuth or identity request and returns true; returns false for any other URL. */
export async function handleOAuth(context: AuthContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname.replace(/\/+$/, '');
  try {
    if (path === '/services/oauth2/token') {
      if (req.method !== 'POST') throw new OAuthError('invalid_request', 'must use HTTP POST', 400);
      const params = new URLSearchParams(await readText(req));
      sendJson(res, 200, await handleTokenRequest(context, params, req.headers.authorization));
      return true;
    }
    if (path === '/services/oauth2/authorize') {
      authorize(context, res, url.searchParams);
      return true;
    }
    if (path === '/services/oauth2/revoke') {
      const params = req.method === 'POST' ? new URLSearchParams(await readText(req)) : url.searchParams;
      if (!context.sessions.revoke(params.get('token') ?? '')) throw oauthErrors.invalidToken();
      res.writeHead(200).end();
      return true;
    }
    if (path === '/services/oauth2/userinfo') {
      const user = sessionUser(context, req, url);
      if (!user) return sendForbidden(res);
      sendJson(res, 200, userInfoBody(context, user));
      return true;
    }
    const identity = IDENTITY_PATH.exec(path);
    if (identity) {
      const user = sessionUser(context, req, url);
      if (!user || context.org.get(identity[2] ?? '')?.Id !== user.Id) return sendForbidden(res);
      sendJson(res, 200, identityBody(context, user));
      return true;
    }
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    sendJson(res, error.status, error.body());
    return true;
  }
  return false;
}

/**
 * `GET /services/oauth2/authorize?response_type=code&client_id&redirect_uri`: the web-server flow. There is no one
 * to show a login page to, so the integration user approves at once and the browser is sent back with a code.
 */
function authorize(context: AuthContext, res: ServerResponse, params: URLSearchParams): void {
  const redirectUri = params.get('redirect_uri') ?? '';
  if (params.get('client_id') !== context.settings.clientId) throw oauthErrors.invalidClientId();
  if (params.get('response_type') !== 'code' || !redirectUri) throw new OAuthError('unsupported_response_type', 'response type not supported');
  const code = `aPrx${randomBytes(32).toString('base64url')}`;
  context.codes.set(code, { userId: context.org.defaultUserId, clientId: context.settings.clientId, redirectUri, expiresAt: context.org.now().getTime() + CODE_TTL_MS });
  const location = new URL(redirectUri);
  location.searchParams.set('code', code);
  const state = params.get('state');
  if (state !== null) location.searchParams.set('state', state);
  res.writeHead(302, { Location: location.toString() }).end();
}

function sessionUser(context: AuthContext, req: IncomingMessage, url: URL) {
  const header = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = header ?? url.searchParams.get('oauth_token') ?? '';
  const session = context.sessions.use(token);
  return session ? context.org.get(session.userId) : undefined;
}

function sendForbidden(res: ServerResponse): true {
  res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Bad_OAuth_Token');
  return true;
}
