import { decodeJwt, importSPKI, importX509, jwtVerify, type CryptoKey } from 'jose';
import { oauthErrors } from './oauthErrors.ts';
import type { AuthContext } from './types.ts';

/** Audiences Salesforce accepts besides the org's own URL. */
const SALESFORCE_AUDIENCES = ['https://login.salesforce.com', 'https://test.salesforce.com'];
/** Salesforce allows a few minutes of clock skew when checking `exp`. */
const CLOCK_TOLERANCE_SECONDS = 180;

const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The user a JWT bearer assertion logs in: `iss` is the consumer key, `sub` the username, `aud` the login URL, `exp`
 * in the future, and the RS256 signature verifies against the connected app's certificate.
 */
export async function userFromAssertion(context: AuthContext, assertion: string): Promise<string> {
  let claims;
  try {
    claims = decodeJwt(assertion);
  } catch {
    throw oauthErrors.invalidAssertion();
  }
  if (claims.iss !== context.settings.clientId) throw oauthErrors.invalidClientId();
  const certificate = context.settings.jwtCertificate;
  if (!certificate) throw oauthErrors.invalidAssertion();
  const audiences = [context.instanceUrl(), `${context.instanceUrl()}/`, ...SALESFORCE_AUDIENCES];
  const audience: (string | undefined)[] = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.some((value) => value !== undefined && audiences.includes(value))) throw oauthErrors.audienceInvalid();
  try {
    await jwtVerify(assertion, await publicKey(certificate), {
      algorithms: ['RS256'],
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: context.org.now(),
    });
  } catch {
    throw oauthErrors.invalidAssertion();
  }
  const user = typeof claims.sub === 'string' ? context.org.findBy('User', 'Username', claims.sub)[0] : undefined;
  if (!user || user.IsActive !== true) throw oauthErrors.userNotApproved();
  return user.Id as string;
}

function publicKey(pem: string): Promise<CryptoKey> {
  let key = keys.get(pem);
  if (!key) {
    key = pem.includes('BEGIN CERTIFICATE') ? importX509(pem, 'RS256') : importSPKI(pem, 'RS256');
    keys.set(pem, key);
  }
  return key;
}
