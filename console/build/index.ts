/**
 * Builds the console with Vite into `console/dist`, and knows when a build is stale: a digest of every input (the
 * sources, the page, the Vite configuration and the installed versions of the console's dependencies) is written
 * beside the build, and a build whose digest matches is reused. `npm install` (postinstall), `npm start` and the
 * console's end-to-end test call `ensureConsoleBuilt`, so a fresh clone needs no extra step.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console's package folder. */
export const consoleDir = fileURLToPath(new URL('..', import.meta.url));
/** Where the gateway serves the built console from. */
export const consoleDistDir = join(consoleDir, 'dist');
const STAMP = '.inputs-digest';

export interface ConsoleBuild {
  /** Whether Vite ran (false: the existing build was current). */
  built: boolean;
  /** How long it took, ms. */
  ms: number;
  dir: string;
}

/** Builds the console unless `dist` holds a build of exactly these inputs (`force`: build anyway). */
export async function ensureConsoleBuilt(options: { force?: boolean } = {}): Promise<ConsoleBuild> {
  const started = performance.now();
  const digest = inputsDigest();
  const stamp = join(consoleDistDir, STAMP);
  if (!options.force && existsSync(join(consoleDistDir, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
    return { built: false, ms: performance.now() - started, dir: consoleDistDir };
  }
  // Built aside and moved into place, so a gateway serving `dist` never reads half a build, and two builds at once
  // (tests in parallel) leave one whole build: the same inputs give the same files.
  const aside = `${consoleDistDir}.build-${process.pid}-${Date.now()}`;
  const { build } = await import('vite');
  try {
    await build({ configFile: join(consoleDir, 'vite.config.ts'), mode: 'production', build: { outDir: aside, emptyOutDir: true } });
    writeFileSync(join(aside, STAMP), digest);
    const old = `${aside}.old`;
    await rename(consoleDistDir, old).catch(() => undefined);
    await rename(aside, consoleDistDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(aside, { recursive: true, force: true });
  }
  return { built: true, ms: performance.now() - started, dir: consoleDistDir };
}

/** A digest of everything a build depends on. */
export function inputsDigest(): string {
  const hash = createHash('sha256');
  for (const file of [...listFiles(join(consoleDir, 'src')), join(consoleDir, 'index.html'), join(consoleDir, 'vite.config.ts'), join(consoleDir, 'package.json')].sort()) {
    hash.update(relative(consoleDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  const { dependencies = {} } = JSON.parse(readFileSync(join(consoleDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(dependencies).sort()) hash.update(`${name}@${installedVersion(name)}\0`);
  return hash.digest('hex');
}

/** The version of a dependency as installed (npm puts it in the console's node_modules or one above). */
function installedVersion(name: string): string {
  for (let dir = consoleDir; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    if (dirname(dir) === dir) return 'missing';
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
