/**
 * Bull Board at `/admin/queues`: the graph's BullMQ queues (`JOB_QUEUES`, read from Redis by name, with the subgraphs'
 * key prefix; the gateway imports no subgraph code), for Salesforce admins and engineers only. A request carries a bearer token,
 * or the session cookie set after one (`?token=<jwt>` once in a browser sets it and redirects): 401 without a valid
 * token, 403 for other roles. The cookie holds the token itself, so it expires with it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import express from 'express';
import { DomainError, hasRole, jobQueueNames, sendJson, type Identity } from '@l2c/shared';
import type { Authenticate } from './authenticate.ts';

export const ADMIN_QUEUES_PATH = '/admin/queues';
const COOKIE = 'l2c_admin_token';

export interface AdminQueuesOptions {
  redisUrl: string;
  /** BullMQ key prefix the subgraphs use (QUEUE_PREFIX). */
  prefix: string;
  /** Queue names. Default: every queue of `JOB_QUEUES` with its dead-letter queue. */
  queues?: readonly string[];
  authenticate: Authenticate;
}

export interface AdminQueues {
  /** Answers any request under `ADMIN_QUEUES_PATH`. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): Promise<void>;
}

export function createAdminQueues(options: AdminQueuesOptions): AdminQueues {
  const url = new URL(options.redisUrl);
  const connection = { host: url.hostname, port: Number(url.port || 6379), ...(url.username ? { username: decodeURIComponent(url.username) } : {}), ...(url.password ? { password: decodeURIComponent(url.password) } : {}), db: Number(url.pathname.slice(1) || 0) };
  const queues = (options.queues ?? jobQueueNames()).map((name) => new Queue(name, { connection, prefix: options.prefix }));
  const adapter = new ExpressAdapter();
  adapter.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })), serverAdapter: adapter, options: { uiConfig: { boardTitle: 'l2c queues' } } });
  const app = express();
  app.disable('x-powered-by');
  app.use(ADMIN_QUEUES_PATH, adapter.getRouter() as express.Router);

  return {
    handle(req, res) {
      void (async () => {
        const requestUrl = new URL(req.url ?? '/', 'http://gateway');
        const fromQuery = requestUrl.searchParams.get('token');
        const token = bearer(req.headers.authorization) ?? fromQuery ?? cookie(req.headers.cookie, COOKIE);
        if (!token) return refuse(res, 401, 'no token: send "Authorization: Bearer <token>" or open ?token=<token> once (an sf_admin or engineer token)');
        let identity: Identity;
        try {
          identity = await options.authenticate(`Bearer ${token}`);
        } catch (error) {
          return refuse(res, 401, error instanceof DomainError ? error.message : 'invalid token');
        }
        if (!hasRole(identity, 'sf_admin', 'engineer')) return refuse(res, 403, `the queue dashboard needs one of the roles sf_admin, engineer; caller has ${identity.roles.join(', ')}`);
        const session = `${COOKIE}=${token}; Path=${ADMIN_QUEUES_PATH}; HttpOnly; SameSite=Strict`;
        if (fromQuery) {
          requestUrl.searchParams.delete('token');
          res.writeHead(303, { location: `${requestUrl.pathname}${requestUrl.search}`, 'set-cookie': session });
          return res.end();
        }
        app(req as express.Request, res as express.Response, () => sendJson(res, 404, { error: `no route ${requestUrl.pathname}` }));
      })().catch(() => {
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      });
    },
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}

function refuse(res: ServerResponse, status: 401 | 403, message: string): void {
  sendJson(res, status, { error: message }, status === 401 ? { 'www-authenticate': 'Bearer realm="l2c-graph"' } : {});
}

function bearer(header: string | undefined): string | null {
  return header ? (/^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? null) : null;
}

function cookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}
