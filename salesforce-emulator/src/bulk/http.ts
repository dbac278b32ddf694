/**
 * Plain node `http` plumbing for the Bulk API resources: bounded body reading, JSON and error answers, and CSV bodies
 * written piece by piece with backpressure so a large result never sits in memory as one string.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BulkError, jsonParserError } from './errors.ts';

/** Reads the whole body; refuses more than `limit` bytes with 413 (and stops reading). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(new BulkError(413, 'EXCEEDED_MAX_SIZE_REQUEST', `The job data exceeds the maximum upload size of 150 MB (base64 encoded)`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}

/** The body parsed as a JSON object; Salesforce's JSON_PARSER_ERROR otherwise. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req, 1_000_000)).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw jsonParserError(`Unexpected character in the request body: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw jsonParserError('The request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendNoContent(res: ServerResponse, status = 204): void {
  res.writeHead(status);
  res.end();
}

export function sendError(res: ServerResponse, error: BulkError): void {
  sendJson(res, error.status, error.body());
}

/**
 * Writes a CSV body from pieces, waiting for `drain` when the socket is saturated. Pieces are joined into writes
 * of about 64 KB so a million short lines do not become a million socket writes.
 */
export async function sendCsv(res: ServerResponse, headers: Record<string, string>, pieces: Iterable<string>): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'text/csv', ...headers });
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= 65_536) {
      const ok = res.write(buffer);
      buffer = '';
      if (!ok) await drained(res);
      if (res.destroyed) return;
    }
  }
  res.end(buffer);
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
