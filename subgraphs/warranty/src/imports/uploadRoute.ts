import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, hasRole, scopeOf, sendJson, verifyIdentity, type Logger, type Store } from '@l2c/shared';
import { deleteChunks, importsByIds, insertChunk, updateImport } from '../store/imports.ts';
import type { ImportQueue } from './queue.ts';

/**
 * `PUT /uploads/csv-imports?id=<import id>`: the file of an import opened with `createCsvImport`, as the request body,
 * streamed into the store in chunks (never held whole), with its size and SHA-256. The gateway forwards it from
 * `/uploads/warranty/csv-imports` with the caller's signed identity, which this route checks as `/graphql` does. The
 * import is queued once the last byte is stored; an upload cut short leaves the import waiting for its file.
 */

export const UPLOAD_ROUTE = '/uploads/csv-imports';

export interface UploadRouteOptions {
  store: Store;
  signingSecret: string;
  queue: ImportQueue;
  logger: Logger;
  /** Largest file accepted, bytes. Default 100 MiB. */
  maxBytes?: number;
  /** Bytes per stored chunk. Default 1 MiB. */
  chunkBytes?: number;
}

export function uploadRoute(options: UploadRouteOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  const chunkBytes = options.chunkBytes ?? 1024 * 1024;
  const refuse = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) => sendJson(res, status, { error: { code, message } }, headers);
  return async (req, res) => {
    if (req.method !== 'PUT') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'upload the file with PUT', { allow: 'PUT' });
    let identity;
    try {
      identity = verifyIdentity({ get: (name) => header(req.headers[name]) }, options.signingSecret);
    } catch (error) {
      return refuse(res, 401, 'UNAUTHENTICATED', error instanceof DomainError ? error.message : 'unauthenticated');
    }
    if (!hasRole(identity, 'partner', 'staff', 'sf_admin')) return refuse(res, 403, 'FORBIDDEN', `uploading sales reports needs one of the roles partner, staff, sf_admin; caller has ${identity.roles.join(', ')}`);
    const id = new URL(req.url ?? '/', 'http://subgraph').searchParams.get('id');
    if (!id) return refuse(res, 400, 'BAD_USER_INPUT', 'id: the import to upload to is missing (?id=<import id> from createCsvImport)');
    const [imp] = await importsByIds(options.store, scopeOf(identity), [id]);
    if (!imp) return refuse(res, 404, 'NOT_FOUND', `CsvImport ${JSON.stringify(id)} was not found`);
    if (imp.status !== 'AWAITING_UPLOAD') return refuse(res, 409, 'CONFLICT', `import ${id} is ${imp.status}: its file was uploaded already; open a new import (createCsvImport) for another file`);
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > maxBytes) return refuse(res, 413, 'TOO_LARGE', `the file is ${declared} bytes; at most ${maxBytes} are accepted: split it into several files`);

    // A retried upload replaces whatever an earlier, interrupted one stored.
    await deleteChunks(options.store, id);
    const hash = createHash('sha256');
    let bytes = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await insertChunk(options.store, id, seq++, Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
    };
    try {
      for await (const part of req) {
        const buffer = part as Buffer;
        bytes += buffer.length;
        if (bytes > maxBytes) {
          await deleteChunks(options.store, id);
          res.setHeader('connection', 'close');
          return refuse(res, 413, 'TOO_LARGE', `the file is over ${maxBytes} bytes: split it into several files`);
        }
        hash.update(buffer);
        pending.push(buffer);
        pendingBytes += buffer.length;
        if (pendingBytes >= chunkBytes) await flush();
      }
      await flush();
    } catch (error) {
      options.logger.warn({ err: error, importId: id }, 'csv upload interrupted');
      await deleteChunks(options.store, id).catch(() => undefined);
      if (!res.headersSent) refuse(res, 400, 'UPLOAD_INTERRUPTED', 'the upload was cut short; upload the file again');
      return;
    }
    const sha256 = hash.digest('hex');
    const queued = await options.store.transaction(async (tx) => {
      const [current] = await importsByIds(tx, { kind: 'all' }, [id], true);
      if (current?.status !== 'AWAITING_UPLOAD') return false;
      await updateImport(tx, id, { status: 'QUEUED', bytes, sha256, uploaded_at: new Date() });
      return true;
    });
    if (!queued) return refuse(res, 409, 'CONFLICT', `import ${id} received another upload at the same time; open a new import for this file`);
    // The file is stored and the import QUEUED: should the queue not answer now, the next start queues it again.
    await options.queue.enqueue(id).catch((error: unknown) => options.logger.error({ err: error, importId: id }, 'could not queue a csv import'));
    sendJson(res, 202, { id, status: 'QUEUED', bytes, sha256 });
  };
}

function header(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
