import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  /** The raw body, as a receiver must verify it. */
  body: string;
  /** The status the endpoint answered (`hang`: it never did). */
  answered: number | 'hang';
}

/**
 * A webhook receiver on a free local port. `respond(n)` decides the answer to the n-th request (1-based): a status, or
 * `hang` to never answer. Closed by `close()` or `await using`.
 */
export async function startEndpoint(respond: (n: number) => number | 'hang' = () => 204) {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answered = respond(received.length + 1);
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      if (answered !== 'hang') res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    /** Requests the endpoint accepted (2xx). */
    accepted: () => received.filter((r) => typeof r.answered === 'number' && r.answered < 300),
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Waits until `check` returns a value other than undefined (or false), polling; fails after `ms`. */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
