import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest JSON body accepted by the REST API (Salesforce's limit for a REST request is 50 MB). */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** Reads the request body as UTF-8 text, refusing more than `limit` bytes. */
export function readText(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`request body larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers JSON with Salesforce's content type. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}
