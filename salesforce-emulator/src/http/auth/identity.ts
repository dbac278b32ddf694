/**
 * The identity service: the identity URL `/id/<orgId>/<userId>` (what jsforce's `identity()` reads) and the OpenID
 * Connect `/services/oauth2/userinfo`. Both describe the session's user.
 */
import type { SObjectRecord } from '../../org/types.ts';
import { identityUrl } from './tokenResponse.ts';
import type { AuthContext } from './types.ts';

/** `GET /id/<orgId>/<userId>` */
export function identityBody(context: AuthContext, user: SObjectRecord): Record<string, unknown> {
  const base = context.instanceUrl();
  const orgId = context.org.orgId;
  const id = identityUrl(context, user.Id as string);
  // Salesforce leaves `{version}` in these URLs for the client to fill in.
  const rest = (path: string) => `${base}/services/data/v{version}/${path}`;
  return {
    id,
    asserted_user: true,
    user_id: user.Id,
    organization_id: orgId,
    username: user.Username,
    nick_name: user.CommunityNickname ?? user.Alias,
    display_name: user.Name,
    email: user.Email,
    email_verified: true,
    first_name: user.FirstName,
    last_name: user.LastName,
    timezone: user.TimeZoneSidKey,
    photos: { picture: `${base}/profilephoto/005/F`, thumbnail: `${base}/profilephoto/005/T` },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: {
      enterprise: `${base}/services/Soap/c/{version}/${orgId.slice(0, 15)}`,
      metadata: `${base}/services/Soap/m/{version}/${orgId.slice(0, 15)}`,
      partner: `${base}/services/Soap/u/{version}/${orgId.slice(0, 15)}`,
      rest: rest(''),
      sobjects: rest('sobjects/'),
      search: rest('search/'),
      query: rest('query/'),
      recent: rest('recent/'),
      tooling_soap: `${base}/services/Soap/T/{version}/${orgId.slice(0, 15)}`,
      tooling_rest: rest('tooling/'),
      profile: `${base}/${user.Id as string}`,
      feeds: rest('chatter/feeds'),
      groups: rest('chatter/groups'),
      users: rest('chatter/users'),
      feed_items: rest('chatter/feed-items'),
      feed_elements: rest('chatter/feed-elements'),
      custom_domain: base,
    },
    active: user.IsActive === true,
    user_type: user.UserType ?? 'STANDARD',
    language: user.LanguageLocaleKey,
    locale: user.LocaleSidKey,
    utcOffset: 3600000,
    last_modified_date: user.LastModifiedDate,
    is_app_installed: true,
  };
}

/** `GET /services/oauth2/userinfo` (OpenID Connect claims) */
export function userInfoBody(context: AuthContext, user: SObjectRecord): Record<string, unknown> {
  const id = identityUrl(context, user.Id as string);
  return {
    sub: id,
    user_id: user.Id,
    organization_id: context.org.orgId,
    preferred_username: user.Username,
    nickname: user.CommunityNickname ?? user.Alias,
    name: user.Name,
    email: user.Email,
    email_verified: true,
    given_name: user.FirstName,
    family_name: user.LastName,
    zoneinfo: user.TimeZoneSidKey,
    profile: `${context.instanceUrl()}/${user.Id as string}`,
    active: user.IsActive === true,
    user_type: user.UserType ?? 'STANDARD',
    language: user.LanguageLocaleKey,
    locale: user.LocaleSidKey,
    utcOffset: 3600000,
    updated_at: user.LastModifiedDate,
    is_app_installed: true,
  };
}
