import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SubgraphEntry {
  name: string;
  port: number;
  /** Schema path from the repository root. */
  schema: string;
  /** Entry point from the repository root. */
  main: string;
  /** Runs a Salesforce sync, served to the graph's sync fields on its internal listener (`/sync`). Default false. */
  sync?: boolean;
}

/** A subgraph's internal listener (metrics, readiness, its sync's surface) is on its GraphQL port + this, unless configured. */
export const INTERNAL_PORT_OFFSET = 5000;

/** Where a syncing subgraph serves its sync's surface to the graph's sync fields, on its internal listener. */
export const SYNC_SURFACE_PATH = '/sync';

/**
 * The Node flags `npm start` launches the stack's processes with (the gateway benchmark launches our gateway alike).
 * Subgraphs: every one runs Postgres compiled to WebAssembly (PGlite), and by default V8 recompiles the functions
 * Postgres's start-up runs with its optimising compiler, more than a second of CPU per subgraph while all of them start
 * at once; with a large tiering budget start-up runs on the baseline compiler, and only code that stays hot for long
 * (queries run over and over) is optimised. Gateway: each operation allocates its subgraphs' answers and the merged
 * result, short-lived objects by the megabyte under load; a young generation of up to 128 MB a half (16 MB by default)
 * collects them far less often, about a quarter more operations a second in `npm run bench -- gateway-peers`.
 */
export const NODE_FLAGS = {
  subgraph: ['--wasm-tiering-budget=2000000000'],
  gateway: ['--max-semi-space-size=128'],
} as const;

/** The repository root, where `subgraphs.json` lives. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The one list of subgraphs, read by codegen, composition, `npm start`, docker-compose and the tests. */
export interface ProcessList {
  gateway: { port: number };
  /** The local Salesforce API emulator `npm start` runs when no org is configured. */
  salesforceEmulator: { port: number; main: string };
  subgraphs: SubgraphEntry[];
}

export function subgraphList(): ProcessList {
  return JSON.parse(readFileSync(join(repoRoot, 'subgraphs.json'), 'utf8')) as ProcessList;
}
