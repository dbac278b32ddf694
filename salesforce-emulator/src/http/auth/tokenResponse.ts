import { createHmac } from 'node:crypto';
import type { AuthContext } from './types.ts';

/** The identity URL of a user: `<login URL>/id/<orgId>/<userId>`; jsforce reads the org and user IDs from it. */
export function identityUrl(context: AuthContext, userId: string): string {
  return `${context.instanceUrl()}/id/${context.org.orgId}/${userId}`;
}

/**
 * A successful token response, as Salesforce shapes it: the access token, the instance and identity URLs, and a
 * signature (HMAC-SHA256 of identity URL + issued_at with the consumer secret) a client can verify.
 */
export function tokenResponse(context: AuthContext, userId: string, accessToken: string, refreshToken?: string): Record<string, string> {
  const id = identityUrl(context, userId);
  const issuedAt = String(context.org.now().getTime());
  const signature = createHmac('sha256', context.settings.clientSecret).update(id + issuedAt).digest('base64');
  return {
    access_token: accessToken,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    signature,
    scope: refreshToken ? 'refresh_token api' : 'api',
    instance_url: context.instanceUrl(),
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}
