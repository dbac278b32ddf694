import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExtraRoute } from './rest/router.ts';

/**
 * The parts of the emulator the HTTP server mounts beside its own REST resources. Each `handle` answers and returns
 * true for its URLs, and returns false without touching the request otherwise.
 */
export interface Mounts {
  /** Bulk API 2.0 (`/services/data/vXX.X/jobs/…`), called after authentication and the API allowance. */
  bulk?: { handle(req: IncomingMessage, res: ServerResponse, session: { userId: string }): Promise<boolean> };
  /** The Streaming API (`/cometd/{version}`); it answers authentication failures inside Bayeux, so it gets null then. */
  cometd?: { handle(req: IncomingMessage, res: ServerResponse, session: { userId: string } | null): Promise<boolean> };
  /** REST resources served by the query service (`/query`, `/queryAll`, `/search`). */
  restRoutes?: readonly ExtraRoute[];
}
