/**
 * `GET /services/data` (the versions served) and `GET /services/data/vXX.X` (the resource map).
 */
import type { ApiRequest, ApiResponse, RestContext } from '../types.ts';

/** The oldest version served; REST API versions before 20.0 are retired. */
export const OLDEST_VERSION = 20;

/** `[{ label: "Winter '24", url: "/services/data/v59.0", version: "59.0" }, …]`, oldest first. */
export function versionList(latest: string): { label: string; url: string; version: string }[] {
  const list = [];
  for (let major = OLDEST_VERSION; major <= Number.parseFloat(latest); major++) {
    const version = `${major}.0`;
    list.push({ label: releaseName(major), url: `/services/data/v${version}`, version });
  }
  return list;
}

/** Version 20.0 was Winter '11; three releases a year since, one version each. */
export function releaseName(major: number): string {
  const index = major - OLDEST_VERSION;
  const season = ['Winter', 'Spring', 'Summer'][index % 3];
  const year = String(11 + Math.floor(index / 3)).padStart(2, '0');
  return `${season} '${year}`;
}

/** Whether a URL's version is one this emulator serves. */
export function isServedVersion(version: string, latest: string): boolean {
  const major = Number.parseFloat(version);
  return /^\d{2,3}\.0$/.test(version) && major >= OLDEST_VERSION && major <= Number.parseFloat(latest);
}

/** `GET /services/data/vXX.X` */
export function handleResources(request: ApiRequest, context: RestContext): ApiResponse {
  const base = `/services/data/v${request.version}`;
  const names = ['tooling', 'metadata', 'eclair', 'folders', 'prechatForms', 'contact-tracing', 'domino', 'event', 'identity', 'chatter', 'dedupe', 'consent', 'async-queries', 'query', 'jobs', 'match', 'emailConnect', 'compactLayouts', 'knowledgeManagement', 'sobjects', 'actions', 'support', 'queryAll', 'search', 'composite', 'limits', 'recent', 'connect', 'parameterizedSearch', 'analytics', 'theme', 'nouns', 'commerce', 'licensing', 'appMenu', 'tabs', 'quickActions', 'process', 'ui-api', 'scheduling'];
  const resources: Record<string, string> = {};
  for (const name of names) resources[name] = `${base}/${name}`;
  resources.identity = `${context.instanceUrl()}/id/${context.org.orgId}/${request.session.userId}`;
  return { status: 200, body: resources };
}
