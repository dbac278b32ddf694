import { badInput, intValue } from '@l2c/shared';
import { isKnownEventType, WEBHOOK_EVENT_TYPES } from './eventTypes.ts';

/** Hosts a webhook may reach over plain http: the developer's own machine, never a network. */
const PLAIN_HTTP_HOSTS = new Set(['localhost', '127.0.0.1']);
const MAX_URL_LENGTH = 2048;
/** The longest a rotated-out secret keeps signing: one week. */
export const MAX_PREVIOUS_SECRET_MINUTES = 7 * 24 * 60;

/**
 * A webhook URL: absolute, https (plain http only to localhost or 127.0.0.1, for development: a delivery's body and
 * signature must not cross a network in clear), without a fragment (never sent to a server). Returns it normalised.
 */
export function webhookUrl(field: string, value: string): string {
  const text = value.trim();
  if (text.length > MAX_URL_LENGTH) throw badInput(field, value, `must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput(field, value, 'must be an absolute URL such as https://dealer.example.com/l2c/webhooks');
  }
  if (url.protocol === 'http:' && !PLAIN_HTTP_HOSTS.has(url.hostname)) {
    throw badInput(field, value, 'must use https; plain http is accepted only for localhost and 127.0.0.1 (development)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput(field, value, 'must be an https URL');
  if (url.username || url.password) throw badInput(field, value, 'must not carry a user name or password: deliveries are authenticated by their signature');
  if (url.hash) throw badInput(field, value, 'must not have a fragment (#…): it is never sent to the server');
  return url.toString();
}

/** At least one event type, each one the graph publishes; duplicates dropped, sorted. */
export function eventTypesValue(field: string, values: readonly string[]): string[] {
  if (values.length === 0) throw badInput(field, values, `must name at least one event type (${WEBHOOK_EVENT_TYPES.join(', ')})`);
  values.forEach((type, i) => {
    if (!isKnownEventType(type)) throw badInput(`${field}[${i}]`, type, `is not an event type; known types are ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  });
  return [...new Set(values)].sort();
}

/** Minutes a rotated-out secret keeps signing: 0 (it stops at once) to one week. */
export function previousSecretMinutes(field: string, value: number | null | undefined): number {
  return value == null ? 0 : intValue(field, value, 0, MAX_PREVIOUS_SECRET_MINUTES);
}
