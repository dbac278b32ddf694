/**
 * Test support: the Salesforce emulator on a free port with its control hook, and a sync client logged in to it with
 * the client credentials flow. Tests reach the emulator only over HTTP, through jsforce (and the control hook).
 * Only tests and benchmarks import this package.
 */
import { createEmulator, type Emulator, type EmulatorOptions } from '@l2c/salesforce-emulator';
import { SalesforceClient, type SalesforceClientOptions } from '@l2c/shared';

export interface TestOrg extends AsyncDisposable {
  readonly emulator: Emulator;
  readonly url: string;
  /** A fresh client logged in with the client credentials flow. */
  connect(options?: Partial<SalesforceClientOptions>): Promise<SalesforceClient>;
  /** Client options for the engine (client credentials). */
  clientOptions(options?: Partial<SalesforceClientOptions>): SalesforceClientOptions;
  /** Calls the `/__control/` hook. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Injects a fault into the next matching requests. */
  fault(spec: { kind: 'expiredSession' | 'unavailable' | 'unableToLockRow' | 'delay' | 'drop'; path: string; method?: string; count?: number; delayMs?: number }): Promise<void>;
  close(): Promise<void>;
}

export async function startTestOrg(options: EmulatorOptions = {}): Promise<TestOrg> {
  const emulator = createEmulator({ control: true, ...options });
  const url = await emulator.listen(0);
  const { clientId, clientSecret } = emulator.credentials;
  const clientOptions = (extra: Partial<SalesforceClientOptions> = {}): SalesforceClientOptions => ({
    auth: { kind: 'client_credentials', loginUrl: url, clientId, clientSecret },
    apiVersion: '62.0',
    backoff: { baseMs: 20, maxMs: 200 },
    ...extra,
  });
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/__control/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const close = () => emulator.close();
  return {
    emulator,
    url,
    clientOptions,
    connect: (extra) => SalesforceClient.connect(clientOptions(extra)),
    control,
    fault: async (spec) => {
      await control('POST', 'faults', spec);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
