/**
 * Logging in to an org with OAuth 2.0, the three server-to-server ways: client credentials, JWT bearer and
 * username-password. None of them returns a refresh token, so jsforce's default refresh (which needs one) cannot renew
 * the session: `loginGrant` gives the parameters to log in again, and the client uses them as jsforce's `refreshFn`.
 */
import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';

/** Client credentials flow: a connected app (or external client app) with a run-as user. */
export interface ClientCredentialsAuth {
  kind: 'client_credentials';
  /** The org's My Domain URL (`https://acme.my.salesforce.com`); the client credentials flow does not work on login.salesforce.com. */
  loginUrl: string;
  clientId: string;
  clientSecret: string;
}

/** JWT bearer flow: a connected app with a certificate; the user is pre-authorised, no secret travels. */
export interface JwtBearerAuth {
  kind: 'jwt_bearer';
  /** `https://login.salesforce.com`, `https://test.salesforce.com` (sandboxes) or the My Domain URL. */
  loginUrl: string;
  clientId: string;
  /** The Salesforce username the token is issued for. */
  username: string;
  /** PEM private key (PKCS#1 or PKCS#8) matching the certificate uploaded to the connected app. */
  privateKey: string;
  /** The `aud` claim. Default: `loginUrl` for login/test.salesforce.com, else `https://login.salesforce.com`. */
  audience?: string;
}

/** Username-password flow (OAuth password grant; not the SOAP login Salesforce is retiring). */
export interface PasswordAuth {
  kind: 'password';
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  /** The password, followed by the user's security token when the org asks for one. */
  password: string;
}

export type SalesforceAuth = ClientCredentialsAuth | JwtBearerAuth | PasswordAuth;

/** The form parameters of the token request that logs in with `auth` (client id and secret are added by jsforce). */
export async function loginGrant(auth: SalesforceAuth): Promise<{ grant_type: string; [name: string]: string }> {
  switch (auth.kind) {
    case 'client_credentials':
      return { grant_type: 'client_credentials' };
    case 'password':
      return { grant_type: 'password', username: auth.username, password: auth.password };
    case 'jwt_bearer':
      return { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await jwtAssertion(auth) };
  }
}

/** The client secret jsforce should send with the token request (none for the JWT flow). */
export function clientSecretOf(auth: SalesforceAuth): string | undefined {
  return auth.kind === 'jwt_bearer' ? undefined : auth.clientSecret;
}

/** A signed assertion valid for three minutes, as Salesforce's JWT bearer flow asks. */
export async function jwtAssertion(auth: JwtBearerAuth, now = Date.now()): Promise<string> {
  const key = createPrivateKey(auth.privateKey);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(auth.clientId)
    .setSubject(auth.username)
    .setAudience(auth.audience ?? defaultAudience(auth.loginUrl))
    .setExpirationTime(Math.floor(now / 1000) + 180)
    .sign(key);
}

function defaultAudience(loginUrl: string): string {
  const url = new URL(loginUrl);
  return /^(login|test)\.salesforce\.com$/.test(url.host) ? url.origin : 'https://login.salesforce.com';
}
