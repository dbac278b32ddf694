import { useEffect, useState } from 'react';

/** The console's pages, addressed by the URL's hash (`#/sync`), so the gateway serves one page for all of them. */
export type PageId = 'sync' | 'errors' | 'conflicts' | 'jobs' | 'process-map' | 'webhooks';

export interface Route {
  page: PageId | null;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const page = (['sync', 'errors', 'conflicts', 'jobs', 'process-map', 'webhooks'] as const).find((p) => p === path) ?? null;
  return { page, params: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function href(page: PageId, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}
