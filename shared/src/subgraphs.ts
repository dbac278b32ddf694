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
