import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Org, OrgData } from './types.ts';

/** Loads the snapshot at `path` into the org, if the file exists; returns whether it did. */
export function loadSnapshot(org: Org, path: string): boolean {
  if (!existsSync(path)) return false;
  const data = JSON.parse(readFileSync(path, 'utf8')) as OrgData;
  if (data.version !== 1) throw new Error(`${path}: unsupported snapshot version ${String(data.version)}`);
  org.importData(data);
  return true;
}

/** Writes the org to `path`, through a temporary file so a crash mid-write never leaves half a snapshot. */
export function saveSnapshot(org: Org, path: string): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(org.exportData()));
  renameSync(temporary, path);
}
