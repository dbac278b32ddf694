/**
 * A minimal server for the Bulk API 2.0 and CDC tests: an org, and the two handlers mounted exactly as the
 * emulator's HTTP server is meant to mount them (authenticate, then `bulk.handle` / `cometd.handle`). It stands in
 * for `src/http/` until that server exists; tests talk to it only through jsforce.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import jsforce from 'jsforce';
import { loadMetadata } from '../../metadata/loadMetadata.ts';
import { createOrg } from '../../org/createOrg.ts';
import type { Org } from '../../org/types.ts';
import { createCometd, type Cometd, type CometdOptions } from '../../streaming/cometd.ts';
import { createBulkApi, type BulkApi, type BulkApiOptions } from '../routes.ts';

export interface TestEmulatorOptions {
  bulk?: Omit<BulkApiOptions, 'org'>;
  cometd?: Omit<CometdOptions, 'org'>;
}

export interface TestEmulator extends AsyncDisposable {
  readonly instanceUrl: string;
  readonly org: Org;
  readonly bulk: BulkApi;
  readonly cometd: Cometd;
  /** A valid access token for the org's integration user. */
  readonly accessToken: string;
  /** Makes `token` invalid, as an expired or revoked session. */
  revoke(token: string): void;
  /** A jsforce connection with a valid session, API version 60.0 unless told. */
  connection(options?: { version?: string; accessToken?: string }): jsforce.Connection;
  close(): Promise<void>;
}

export async function startTestEmulator(options: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const org = createOrg({ schema: loadMetadata() });
  const bulk = createBulkApi({ org, ...options.bulk });
  const cometd = createCometd({ org, ...options.cometd });
  const sessions = new Map<string, { userId: string }>();
  const accessToken = `00D!${randomBytes(24).toString('base64url')}`;
  sessions.set(accessToken, { userId: org.defaultUserId });

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify([{ errorCode: 'UNKNOWN_EXCEPTION', message: String(error) }]));
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const session = token ? (sessions.get(token) ?? null) : null;
    // CometD answers authentication failures inside Bayeux, so it gets the (possibly missing) session as is.
    if (await cometd.handle(req, res, session)) return;
    if (!session) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]));
      return;
    }
    if (await bulk.handle(req, res, session)) return;
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const instanceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const close = async () => {
    bulk.close();
    cometd.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    instanceUrl,
    org,
    bulk,
    cometd,
    accessToken,
    revoke: (token) => void sessions.delete(token),
    connection: (o = {}) => new jsforce.Connection({ instanceUrl, accessToken: o.accessToken ?? accessToken, version: o.version ?? '60.0' }),
    close,
    [Symbol.asyncDispose]: close,
  };
}
