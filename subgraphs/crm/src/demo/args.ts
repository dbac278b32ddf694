import { parseArgs } from 'node:util';

/** What `npm run demo-data` was asked to do. */
export interface DemoArgs {
  /** Default 10. */
  size: number;
  /** Default 1. A number or any string. */
  seed: number | string;
  /** A Postgres server; when absent the embedded PGlite store is used. */
  databaseUrl: string | undefined;
  /** PGlite's folder; `openStore`'s default (`.data`) when absent. */
  dataDir: string | undefined;
  help: boolean;
}

export const USAGE = `Loads demo data into an empty CRM store.

Usage: npm run demo-data -- [--size N] [--seed S] [--database-url URL] [--data-dir DIR]

  --size N            scales the network: N dealers (at least 3), 20·N customers, 40·N leads, 25·N opportunities (default 10)
  --seed S            same seed, same data (default 1)
  --database-url URL  load into this Postgres server (schema crm) instead of the embedded PGlite store
  --data-dir DIR      PGlite data folder (default .data); the store is DIR/crm
  --help              show this text`;

/** Parses the command line; throws an `Error` naming the flag for anything unknown, missing or malformed. */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        size: { type: 'string' },
        seed: { type: 'string' },
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  const size = values.size === undefined ? 10 : Number(values.size);
  if (!/^\d+$/.test(values.size ?? '10') || !Number.isSafeInteger(size) || size < 1 || size > 10_000) {
    throw new Error(`--size must be a whole number from 1 to 10000 (got ${JSON.stringify(values.size)})`);
  }
  const seed = values.seed ?? '1';
  if (seed === '') throw new Error('--seed must not be empty');
  const databaseUrl = values['database-url'];
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`--database-url must be a postgres:// or postgresql:// URL (got ${JSON.stringify(databaseUrl)})`);
  }
  const dataDir = values['data-dir'];
  if (dataDir === '') throw new Error('--data-dir must not be empty');
  if (databaseUrl !== undefined && dataDir !== undefined) throw new Error('--data-dir is for the embedded store; it cannot be combined with --database-url');
  return { size, seed: /^-?\d+$/.test(seed) ? Number(seed) : seed, databaseUrl, dataDir, help: values.help ?? false };
}
