/**
 * The whole emulator (`createEmulator`, the server `npm run emulator` runs) on a free port for the Bulk API 2.0 and
 * CDC tests, with a clock that follows real time but can jump ahead (retention windows, session expiry), and jsforce
 * connections logged in through the OAuth password grant. Tests reach the emulator only through jsforce, and set
 * up data through the org.
 */
import jsforce from 'jsforce';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../server.ts';

export const TEST_VERSION = '60.0';

export interface EmulatorForTests extends AsyncDisposable {
  readonly emulator: Emulator;
  readonly org: Emulator['org'];
  readonly url: string;
  /** Moves the emulator's clock forward. */
  advanceClock(ms: number): void;
  /** A connection logged in as the integration user. */
  login(): Promise<jsforce.Connection>;
  /** A connection that presents `accessToken` without logging in. */
  withToken(accessToken: string): jsforce.Connection;
  close(): Promise<void>;
}

export async function startEmulatorForTests(options: EmulatorOptions = {}): Promise<EmulatorForTests> {
  let offset = 0;
  const emulator = createEmulator({ now: () => new Date(Date.now() + offset), ...options });
  const url = await emulator.listen(0);
  const { username, password, clientId, clientSecret } = emulator.credentials;
  const close = () => emulator.close();
  return {
    emulator,
    org: emulator.org,
    url,
    advanceClock: (ms) => void (offset += ms),
    async login() {
      const conn = new jsforce.Connection({ loginUrl: url, version: TEST_VERSION, oauth2: { loginUrl: url, clientId, clientSecret, redirectUri: `${url}/callback` } });
      await conn.login(username, password);
      return conn;
    },
    withToken: (accessToken) => new jsforce.Connection({ instanceUrl: url, accessToken, version: TEST_VERSION }),
    close,
    [Symbol.asyncDispose]: close,
  };
}
