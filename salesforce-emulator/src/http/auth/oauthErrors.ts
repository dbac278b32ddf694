/** The OAuth endpoint's errors, as Salesforce answers them: HTTP 400 with `{ error, error_description }`. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }

  body(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

export const oauthErrors = {
  authenticationFailure: () => new OAuthError('invalid_grant', 'authentication failure'),
  expiredToken: () => new OAuthError('invalid_grant', 'expired access/refresh token'),
  invalidCode: () => new OAuthError('invalid_grant', 'invalid authorization code'),
  invalidAssertion: () => new OAuthError('invalid_grant', 'invalid assertion'),
  audienceInvalid: () => new OAuthError('invalid_grant', 'audience is invalid'),
  userNotApproved: () => new OAuthError('invalid_grant', "user hasn't approved this consumer"),
  invalidClientId: () => new OAuthError('invalid_client_id', 'client identifier invalid'),
  invalidClient: () => new OAuthError('invalid_client', 'invalid client credentials'),
  unsupportedGrantType: () => new OAuthError('unsupported_grant_type', 'grant type not supported'),
  redirectMismatch: () => new OAuthError('redirect_uri_mismatch', 'redirect_uri must match configuration'),
  invalidToken: () => new OAuthError('invalid_token', 'invalid token'),
};
