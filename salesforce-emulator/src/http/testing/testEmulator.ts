/**
 * Starts the whole emulator on a free port for a test, with a clock the test moves and the control endpoint on, and
 * hands out jsforce connections. Tests speak to the emulator only through jsforce (and the control hook).
 */
import { Connection, type ConnectionConfig } from 'jsforce';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../server.ts';

/** The API version tests use unless they test versions. */
export const TEST_VERSION = '60.0';

export interface TestClock {
  now(): Date;
  /** Moves time forward. */
  advance(ms: number): void;
}

export interface TestEmulator extends AsyncDisposable {
  readonly emulator: Emulator;
  readonly url: string;
  readonly clock: TestClock;
  /** A connection logged in with the password grant (OAuth), which jsforce refreshes by logging in again. */
  login(options?: { version?: string }): Promise<Connection>;
  /** A connection without a session, configured with the connected app. */
  connection(options?: { version?: string; refreshFn?: ConnectionConfig['refreshFn'] }): Connection;
  /** Calls the `/__control/` hook. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  let time = Date.parse('2025-03-10T09:00:00.000Z');
  const clock: TestClock = { now: () => new Date(time), advance: (ms) => void (time += ms) };
  const emulator = createEmulator({ control: true, now: clock.now, ...options });
  const url = await emulator.listen(0);
  const { clientId, clientSecret, username, password } = emulator.credentials;

  const connection: TestEmulator['connection'] = (o = {}) =>
    new Connection({
      loginUrl: url,
      version: o.version ?? TEST_VERSION,
      oauth2: { loginUrl: url, clientId, clientSecret, redirectUri: `${url}/callback` },
      ...(o.refreshFn ? { refreshFn: o.refreshFn } : {}),
    });
  const close = () => emulator.close();
  return {
    emulator,
    url,
    clock,
    connection,
    async login(o = {}) {
      const conn = connection(o);
      await conn.login(username, password);
      return conn;
    },
    async control(method, path, body) {
      const response = await fetch(`${url}/__control/${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { errorCode?: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string; data?: unknown };
  }
  throw new Error('expected a rejection');
}
