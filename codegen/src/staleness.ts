import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from './generatedFile.ts';

/** A generated file whose committed copy differs from fresh output, with where they first part. */
export interface StaleFile {
  path: string;
  /** `missing`, or the first differing line (1-based) with both versions of it. */
  hint: string;
}

/** The generated files whose copy on disk is missing or differs from `files`, byte for byte. */
export function findStale(root: string, files: GeneratedFile[]): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const file of files) {
    const path = join(root, file.path);
    if (!existsSync(path)) {
      stale.push({ path: file.path, hint: 'missing' });
      continue;
    }
    const current = readFileSync(path, 'utf8');
    if (current !== file.content) stale.push({ path: file.path, hint: diffHint(current, file.content) });
  }
  return stale;
}

/** Writes the files that changed and returns their paths; unchanged files are left alone (and keep their mtime). */
export function writeGenerated(root: string, files: GeneratedFile[]): string[] {
  const stale = new Set(findStale(root, files).map((file) => file.path));
  const changed = files.filter((file) => stale.has(file.path));
  for (const file of changed) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.content);
  }
  return changed.map((file) => file.path);
}

/** Where two versions first differ: the line number and both versions of that line. */
export function diffHint(committed: string, fresh: string): string {
  const before = committed.split('\n');
  const after = fresh.split('\n');
  let first = 0;
  while (first < Math.max(before.length, after.length) && before[first] === after[first]) first++;
  const show = (line: string | undefined) => (line === undefined ? '(end of file)' : JSON.stringify(clip(line)));
  return [
    `first difference at line ${first + 1} (committed ${before.length} lines, fresh ${after.length}):`,
    `    committed: ${show(before[first])}`,
    `    fresh:     ${show(after[first])}`,
  ].join('\n');
}

function clip(line: string): string {
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
