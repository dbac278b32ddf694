/**
 * `createEmulator(options)`: a Salesforce org behind a plain node http server, for tests and `npm run emulator`.
 * It never listens by itself; `listen(port)` does (port 0 picks a free one) and `close()` stops it and writes the
 * snapshot when one is configured.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBulkApi, type BulkApiOptions } from './bulk/routes.ts';
import { ApiUsage } from './http/apiUsage.ts';
import { SessionStore } from './http/auth/sessions.ts';
import type { AuthContext, AuthSettings } from './http/auth/types.ts';
import { FaultInjector } from './http/control/faults.ts';
import { createRequestListener } from './http/createRequestListener.ts';
import type { Mounts } from './http/mounts.ts';
import { RequestCounts } from './http/requestCounts.ts';
import type { RestContext } from './http/types.ts';
import { loadMetadata } from './metadata/loadMetadata.ts';
import type { ObjectDefinition } from './metadata/types.ts';
import { createOrg } from './org/createOrg.ts';
import { loadSnapshot, saveSnapshot } from './org/snapshot.ts';
import type { Org } from './org/types.ts';
import { queryRoutes } from './soql/routes.ts';
import { SoqlService } from './soql/service.ts';
import { createCometd, type CometdOptions } from './streaming/cometd.ts';

/** Development credentials, documented in the README; never use them for anything reachable. */
export const DEV_CREDENTIALS = {
  username: 'integration@l2c.example',
  password: 'emulator-password',
  clientId: '3MVG9L2C.Emulator.Development.Consumer.Key',
  clientSecret: 'emulator-consumer-secret',
} as const;

export interface EmulatorOptions {
  /** Username of the integration user. Default: `integration@l2c.example`. */
  username?: string;
  /** Its password. Default: `emulator-password`. */
  password?: string;
  /** Security token a client may append to the password. Default: none. */
  securityToken?: string;
  /** The connected app's consumer key. Default: `3MVG9L2C.Emulator.Development.Consumer.Key`. */
  clientId?: string;
  /** The connected app's consumer secret. Default: `emulator-consumer-secret`. */
  clientSecret?: string;
  /** PEM certificate (or SPKI public key) verifying JWT bearer assertions. Default: none (that grant is refused). */
  jwtCertificate?: string;
  /** Seconds of inactivity before a session expires. Default: 7200 (Salesforce's two hours). */
  sessionSeconds?: number;
  /** API requests allowed per 24 hours. Default: 100,000 (an Enterprise Edition org's base allowance). */
  dailyApiLimit?: number;
  /** Serve the `/__control/` test hook. Default: false. */
  control?: boolean;
  /** Folders of extra object definitions. Default: none. */
  metadataDirs?: readonly string[];
  /** Extra object definitions given in code (tests). Default: none. */
  extraDefinitions?: readonly ObjectDefinition[];
  /** Snapshot file: loaded at start when it exists, written by `close()`. Default: none (memory only). */
  snapshotPath?: string;
  /** The clock for records, sessions and the API allowance. Default: the system clock. */
  now?: () => Date;
  /** The newest REST API version served. Default: `64.0`. */
  latestApiVersion?: string;
  /** Interface `listen` binds. Default: `127.0.0.1`. */
  host?: string;
  /** The URL clients reach the emulator on, when not the listening address (a container, a proxy). Default: `http://<host>:<port>`. */
  publicUrl?: string;
  /** Mount the Bulk API 2.0, the Streaming API and the query service. Default: all true. */
  mount?: { bulk?: boolean; streaming?: boolean; query?: boolean };
  /** Bulk API 2.0 settings (results page size, processing pace, upload cap). Default: Salesforce's. */
  bulk?: Omit<BulkApiOptions, 'org'>;
  /** Streaming API settings (how long a connect is held, retention). Default: Salesforce's. */
  streaming?: Omit<CometdOptions, 'org' | 'latestApiVersion'>;
}

export interface Emulator {
  /** The base URL (login and instance URL); empty until `listen` resolves. */
  readonly url: string;
  readonly org: Org;
  /** The credentials in force. */
  readonly credentials: Readonly<AuthSettings>;
  /** Starts listening; resolves with the base URL. */
  listen(port?: number): Promise<string>;
  /** Stops the server and the mounted APIs, then writes the snapshot if configured. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const now = options.now ?? (() => new Date());
  const schema = loadMetadata({ extraDirs: options.metadataDirs ?? [], extraDefinitions: options.extraDefinitions ?? [] });
  const org = createOrg({ schema, now, user: { username: options.username ?? DEV_CREDENTIALS.username } });
  if (options.snapshotPath) loadSnapshot(org, options.snapshotPath);
  const latestVersion = options.latestApiVersion ?? '64.0';
  const settings: AuthSettings = {
    username: options.username ?? DEV_CREDENTIALS.username,
    password: options.password ?? DEV_CREDENTIALS.password,
    clientId: options.clientId ?? DEV_CREDENTIALS.clientId,
    clientSecret: options.clientSecret ?? DEV_CREDENTIALS.clientSecret,
    ...(options.securityToken ? { securityToken: options.securityToken } : {}),
    ...(options.jwtCertificate ? { jwtCertificate: options.jwtCertificate } : {}),
  };
  let url = '';
  const instanceUrl = () => options.publicUrl ?? url;
  const clock = () => now().getTime();
  const sessions = new SessionStore({ sessionSeconds: options.sessionSeconds ?? 7200, now: clock, orgId: () => org.orgId });
  const usage = new ApiUsage(options.dailyApiLimit ?? 100_000, clock);
  const auth: AuthContext = { settings, sessions, org, instanceUrl, codes: new Map() };

  const mount = { bulk: true, streaming: true, query: true, ...options.mount };
  const bulk = mount.bulk ? createBulkApi({ ...options.bulk, org }) : undefined;
  const cometd = mount.streaming ? createCometd({ ...options.streaming, org, latestApiVersion: latestVersion }) : undefined;
  const mounts: Mounts = {
    ...(bulk ? { bulk } : {}),
    ...(cometd ? { cometd } : {}),
    ...(mount.query ? { restRoutes: queryRoutes(new SoqlService({ org, clock })) } : {}),
  };
  const rest: RestContext = {
    org,
    instanceUrl,
    latestVersion,
    apiUsage: () => usage.snapshot(),
    ...(bulk ? { extraLimits: () => bulk.limits() } : {}),
  };
  const counts = new RequestCounts();
  const faults = new FaultInjector();
  const server: Server = createServer(
    createRequestListener({ org, auth, sessions, usage, counts, faults, rest, mounts, control: options.control ?? false }),
  );
  server.keepAliveTimeout = 5000;

  const close = async () => {
    bulk?.close();
    cometd?.close();
    if (server.listening) {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    }
    if (options.snapshotPath) saveSnapshot(org, options.snapshotPath);
  };

  return {
    get url() {
      return instanceUrl();
    },
    org,
    credentials: settings,
    async listen(port = 0) {
      const host = options.host ?? '127.0.0.1';
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`;
      return instanceUrl();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
