/**
 * `npm run emulator`: the Salesforce emulator on its own. Reads its configuration from the environment once, listens,
 * prints the login URL and credentials, and writes the snapshot (if configured) on shutdown.
 */
import { readFileSync } from 'node:fs';
import { env, parseConfig, z } from '@l2c/shared';
import { createEmulator, DEV_CREDENTIALS } from './server.ts';

const config = parseConfig({
  /** Port to listen on. */
  SF_EMULATOR_PORT: env.port(4900),
  /** Interface to bind; 0.0.0.0 inside a container. */
  SF_EMULATOR_HOST: z.string().default('127.0.0.1'),
  /** The URL clients use, when not http://<host>:<port>. */
  SF_EMULATOR_PUBLIC_URL: env.url().optional(),
  SF_EMULATOR_USERNAME: z.string().email('must be a username in email form').default(DEV_CREDENTIALS.username),
  SF_EMULATOR_PASSWORD: z.string().min(1).default(DEV_CREDENTIALS.password),
  SF_EMULATOR_CLIENT_ID: z.string().min(1).default(DEV_CREDENTIALS.clientId),
  SF_EMULATOR_CLIENT_SECRET: z.string().min(1).default(DEV_CREDENTIALS.clientSecret),
  /** Path of a PEM certificate or public key for the JWT bearer grant. */
  SF_EMULATOR_JWT_CERT: z.string().optional(),
  SF_EMULATOR_SESSION_SECONDS: env.positiveInt(7200),
  SF_EMULATOR_DAILY_API_LIMIT: env.positiveInt(100_000),
  /** `1` serves the /__control/ test hook. */
  SF_EMULATOR_CONTROL: z.enum(['0', '1', 'true', 'false']).default('0'),
  /** A folder of extra object definitions (custom objects, __c fields). */
  SF_EMULATOR_METADATA_DIR: z.string().optional(),
  /** A snapshot file: loaded at start when present, written on shutdown. */
  SF_EMULATOR_SNAPSHOT: z.string().optional(),
});

const emulator = createEmulator({
  host: config.SF_EMULATOR_HOST,
  ...(config.SF_EMULATOR_PUBLIC_URL ? { publicUrl: config.SF_EMULATOR_PUBLIC_URL } : {}),
  username: config.SF_EMULATOR_USERNAME,
  password: config.SF_EMULATOR_PASSWORD,
  clientId: config.SF_EMULATOR_CLIENT_ID,
  clientSecret: config.SF_EMULATOR_CLIENT_SECRET,
  ...(config.SF_EMULATOR_JWT_CERT ? { jwtCertificate: readFileSync(config.SF_EMULATOR_JWT_CERT, 'utf8') } : {}),
  sessionSeconds: config.SF_EMULATOR_SESSION_SECONDS,
  dailyApiLimit: config.SF_EMULATOR_DAILY_API_LIMIT,
  control: config.SF_EMULATOR_CONTROL === '1' || config.SF_EMULATOR_CONTROL === 'true',
  ...(config.SF_EMULATOR_METADATA_DIR ? { metadataDirs: [config.SF_EMULATOR_METADATA_DIR] } : {}),
  ...(config.SF_EMULATOR_SNAPSHOT ? { snapshotPath: config.SF_EMULATOR_SNAPSHOT } : {}),
});

const url = await emulator.listen(config.SF_EMULATOR_PORT);
const { credentials } = emulator;
console.log(`Salesforce emulator listening on ${url}
  login URL      ${url}   (jsforce: new Connection({ loginUrl: '${url}', version: '64.0', oauth2: { loginUrl, clientId, clientSecret } }))
  username       ${credentials.username}
  password       ${credentials.password}
  client id      ${credentials.clientId}
  client secret  ${credentials.clientSecret}
  org id         ${emulator.org.orgId}
  control        ${config.SF_EMULATOR_CONTROL === '1' || config.SF_EMULATOR_CONTROL === 'true' ? `${url}/__control/` : 'off (SF_EMULATOR_CONTROL=1 to enable)'}
  snapshot       ${config.SF_EMULATOR_SNAPSHOT ?? 'none (memory only)'}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('salesforce-emulator: shutdown failed', error);
        process.exit(1);
      },
    );
  });
}
