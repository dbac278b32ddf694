/**
 * `POST /services/oauth2/token`: the password, client_credentials, authorization_code, refresh_token and JWT bearer
 * grants. Parameters arrive form-encoded; client credentials may also come as HTTP Basic authentication.
 */
import { timingSafeEqual } from 'node:crypto';
import { userFromAssertion } from './jwtBearer.ts';
import { oauthErrors } from './oauthErrors.ts';
import { tokenResponse } from './tokenResponse.ts';
import type { AuthContext } from './types.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export async function handleTokenRequest(context: AuthContext, params: URLSearchParams, authorization: string | undefined): Promise<Record<string, string>> {
  const basic = basicCredentials(authorization);
  const clientId = params.get('client_id') ?? basic?.clientId;
  const clientSecret = params.get('client_secret') ?? basic?.clientSecret;
  const { settings, sessions } = context;
  switch (params.get('grant_type')) {
    case 'password': {
      checkClient(context, clientId, clientSecret, true);
      const user = context.org.findBy('User', 'Username', params.get('username') ?? '')[0];
      const password = params.get('password') ?? '';
      const accepted = [settings.password, settings.password + (settings.securityToken ?? '')];
      if (!user || user.IsActive !== true || !accepted.some((candidate) => same(candidate, password))) throw oauthErrors.authenticationFailure();
      const { session } = sessions.issue(user.Id as string, settings.clientId);
      return tokenResponse(context, session.userId, session.accessToken);
    }
    case 'client_credentials': {
      checkClient(context, clientId, clientSecret, true);
      const { session } = sessions.issue(context.org.defaultUserId, settings.clientId);
      return tokenResponse(context, session.userId, session.accessToken);
    }
    case 'authorization_code': {
      checkClient(context, clientId, clientSecret, false);
      const code = context.codes.get(params.get('code') ?? '');
      context.codes.delete(params.get('code') ?? '');
      if (!code || code.expiresAt < context.org.now().getTime() || code.clientId !== clientId) throw oauthErrors.invalidCode();
      if (code.redirectUri !== (params.get('redirect_uri') ?? '')) throw oauthErrors.redirectMismatch();
      const { session, refreshToken } = sessions.issue(code.userId, settings.clientId, true);
      return tokenResponse(context, session.userId, session.accessToken, refreshToken);
    }
    case 'refresh_token': {
      checkClient(context, clientId, clientSecret, false);
      const refreshToken = params.get('refresh_token') ?? '';
      const owner = sessions.refreshTokenOwner(refreshToken);
      if (!owner || owner.clientId !== clientId) throw oauthErrors.expiredToken();
      const { session } = sessions.issue(owner.userId, settings.clientId, false, refreshToken);
      return tokenResponse(context, session.userId, session.accessToken);
    }
    case JWT_BEARER: {
      const userId = await userFromAssertion(context, params.get('assertion') ?? '');
      const { session } = sessions.issue(userId, settings.clientId);
      return tokenResponse(context, session.userId, session.accessToken);
    }
    default:
      throw oauthErrors.unsupportedGrantType();
  }
}

/** The consumer key must be known; the secret must match when required (or whenever it is given). */
function checkClient(context: AuthContext, clientId: string | undefined, clientSecret: string | undefined, secretRequired: boolean): void {
  if (clientId !== context.settings.clientId) throw oauthErrors.invalidClientId();
  if ((secretRequired || clientSecret !== undefined) && !same(clientSecret ?? '', context.settings.clientSecret)) throw oauthErrors.invalidClient();
}

function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const [clientId = '', ...rest] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  return { clientId: decodeURIComponent(clientId), clientSecret: decodeURIComponent(rest.join(':')) };
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
