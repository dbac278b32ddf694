import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger, signIdentity, type Identity } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { createCsvImport } from '../commands/csvImports.ts';
import { createImportQueue, startImportWorker } from '../imports/queue.ts';
import { fixedDealerDirectory, type DealerDirectory } from '../intake/dealerDirectory.ts';
import { createWarrantyServer } from '../server.ts';
import { importsByIds } from '../store/imports.ts';
import type { CsvImportKind, CsvImportRow } from '../store/rows.ts';
import { as, HAMBURG, MUNICH, openWarrantyTestStore } from './fixtures.ts';

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SIGNING_SECRET = 'import-rig-signing-secret-0123456789';
const logger = createLogger('warranty-import-rig', 'silent');

/** The dealer codes CRM would know in these tests. */
export const DEALER_CODES = { 'MUC-01': MUNICH, 'HAM-01': HAMBURG };

/**
 * CSV imports as they run: the warranty server (its upload route) on a free port, a real BullMQ queue and worker on
 * Redis under a random prefix, a fresh store. Files are uploaded over HTTP with a signed identity, as the gateway
 * forwards them. Dispose it with `await using`.
 */
export async function startImportRig(options: { dealers?: DealerDirectory; batchSize?: number; store?: DisposableStore; maxUploadBytes?: number; driver?: 'pglite' | 'postgres' } = {}) {
  const prefix = `test-${randomBytes(6).toString('hex')}`;
  const store = options.store ?? (await openWarrantyTestStore(options.driver));
  const queue = createImportQueue({ redisUrl, prefix, backoffMs: 50, attempts: 2 });
  const worker = startImportWorker({ store, dealers: options.dealers ?? fixedDealerDirectory(DEALER_CODES), logger, redisUrl, prefix, batchSize: options.batchSize ?? 4 });
  const server = await createWarrantyServer({ store, signingSecret: SIGNING_SECRET, logger, importQueue: queue, ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}) });
  const url = `http://127.0.0.1:${await server.listen(0)}`;
  const close = async () => {
    await server.close();
    await worker.close();
    await queue.queue.obliterate({ force: true });
    await queue.close();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    if (!options.store) await store.close();
  };
  return {
    store,
    url,
    /** PUTs a file to an import's upload route as `identity`; the HTTP status and body. */
    async put(importId: string, body: string | Uint8Array, identity: Identity): Promise<{ status: number; body: Record<string, unknown> }> {
      const response = await fetch(`${url}/uploads/csv-imports?id=${encodeURIComponent(importId)}`, { method: 'PUT', headers: { 'content-type': 'text/csv', ...signIdentity(identity, SIGNING_SECRET) }, body: typeof body === 'string' ? body : new Uint8Array(body) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    /** Opens an import as `identity`, uploads `body`, and waits until it has finished. */
    async importFile(kind: CsvImportKind, body: string | Uint8Array, identity: Identity, fileName = 'sales.csv'): Promise<CsvImportRow> {
      const imp = await createCsvImport(as(store, identity), { kind, fileName });
      const upload = await this.put(imp.id, body, identity);
      if (upload.status !== 202) throw new Error(`upload refused: ${upload.status} ${JSON.stringify(upload.body)}`);
      return this.finished(imp.id);
    },
    /** Waits until the import is COMPLETED or FAILED (60 s at most). */
    async finished(importId: string): Promise<CsvImportRow> {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [imp] = await importsByIds(store, { kind: 'all' }, [importId]);
        if (imp && (imp.status === 'COMPLETED' || imp.status === 'FAILED')) return imp;
        if (Date.now() > deadline) throw new Error(`import ${importId} did not finish: ${JSON.stringify(imp)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A VIN for test row `n`: 17 characters, none of them I, O or Q. */
export const vin = (n: number, prefix = 'WLYRA') => `${prefix}${String(n).padStart(17 - prefix.length, '0')}`;
