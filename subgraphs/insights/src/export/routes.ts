import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, sendJson, type Logger, type Store } from '@l2c/shared';
import { analyse } from '../analyse.ts';
import { processMapAnalysis } from '../domain/analyses/processMap.ts';
import { processMapDot } from '../picture/processMapDot.ts';
import { renderSvg } from '../picture/renderSvg.ts';
import { writeCsv } from './csv.ts';
import { LINK_PATHS, type LinkRequest, type LinkSigner } from './links.ts';
import { writeOcel } from './ocel.ts';
import { writeXes } from './xes.ts';

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const EXPORTS = {
  CSV: { suffix: '.csv', type: 'text/csv; charset=utf-8', write: writeCsv },
  XES: { suffix: '.xes', type: 'application/xml; charset=utf-8', write: writeXes },
  OCEL: { suffix: '.ocel.json', type: 'application/json; charset=utf-8', write: writeOcel },
} as const;

/**
 * The subgraph's download routes, authorised by the signed link the graph handed out (`processLogExport`,
 * `ProcessMap.svgUrl`): the link carries the caller's scope and filter, so a partner's link exports its own cases only.
 */
export function downloadRoutes(options: { store: Store; links: LinkSigner; logger: Logger }): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const [format, spec] of Object.entries(EXPORTS) as [keyof typeof EXPORTS, (typeof EXPORTS)[keyof typeof EXPORTS]][]) {
    routes[`${LINK_PATHS.export}${spec.suffix}`] = async (req, res) => {
      const link = verified(options.links, req, res);
      if (!link) return;
      if (link.kind !== 'export' || link.format !== format) return sendJson(res, 403, { error: 'this link is for another download' });
      res.writeHead(200, { 'content-type': spec.type, 'content-disposition': `attachment; filename="process-log${spec.suffix}"`, 'cache-control': 'no-store' });
      try {
        await spec.write(options.store, link.scope, link.filter, res);
      } catch (error) {
        // Headers are out: the only way to tell the client is to cut the stream short.
        options.logger.error({ err: error, format }, 'process log export failed');
        res.destroy(error as Error);
      }
    };
  }
  routes[LINK_PATHS.map] = async (req, res) => {
    const link = verified(options.links, req, res);
    if (!link) return;
    if (link.kind !== 'map') return sendJson(res, 403, { error: 'this link is for another download' });
    const map = await analyse(options.store, link.scope, link.filter, processMapAnalysis());
    const svg = await renderSvg(processMapDot(map, { weight: link.weight, minFrequency: link.minFrequency }));
    res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'private, max-age=60' });
    res.end(svg);
  };
  return routes;
}

function verified(links: LinkSigner, req: IncomingMessage, res: ServerResponse): LinkRequest | null {
  const token = new URL(req.url ?? '/', 'http://insights').searchParams.get('token');
  try {
    if (!token) throw new DomainError('UNAUTHENTICATED', 'download link has no token; ask the graph for one (processLogExport, ProcessMap.svgUrl)');
    return links.verify(token);
  } catch (error) {
    sendJson(res, 401, { error: error instanceof DomainError ? error.message : 'download link is not valid' });
    return null;
  }
}
