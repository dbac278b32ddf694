/**
 * The processes `npm start` runs, bundled with esbuild before they are launched. Run from source through tsx, each of
 * the nine processes would transpile and resolve hundreds of TypeScript modules through tsx's loader on every start;
 * bundled, each loads one plain JavaScript file. The install bundles them ahead (postinstall), and every start
 * checks the bundled sources (size and modification time of each) and bundles again, in a few seconds, when one
 * changed (or this file, or esbuild's version), so an edit is picked up by the next start as with tsx.
 *
 * Each process is one file holding everything it runs, the repository's own packages (`@l2c/*`) and the installed
 * ones alike: loading hundreds of installed modules (resolving, reading and compiling each) cost a process more CPU
 * than all the rest of its start, and nine processes start at once. `EXTERNAL_PACKAGES` stay imports, resolved from the
 * root `node_modules`. One file per process rather than shared chunks: a chunk that `import()`s a CommonJS package
 * would see only its `default` export, where Node gives the named ones too. Bundles are minified (names kept, so stack
 * traces stay readable) and their source maps carry positions only, which Node reads for every stack trace.
 * A module's `import.meta.url` keeps naming its source file, so the files it finds beside it (migrations, schemas,
 * the supergraph) are the same as from source.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, version as esbuildVersion, type Plugin } from 'esbuild';
import type { ProcessList } from '@l2c/shared/subgraphs';

export interface ProcessEntry {
  name: string;
  /** Entry point from the repository root. */
  main: string;
}

/** The processes of the stack: the Salesforce emulator (unless a real org is configured), every subgraph, the gateway. */
export function stackProcesses(list: ProcessList, options: { salesforceEmulator: boolean }): ProcessEntry[] {
  return [
    ...(options.salesforceEmulator ? [{ name: 'salesforce', main: list.salesforceEmulator.main }] : []),
    ...list.subgraphs.map(({ name, main }) => ({ name, main })),
    { name: 'gateway', main: 'gateway/src/main.ts' },
  ];
}

/** Where the bundles are written: inside the root `node_modules`, so installed packages resolve from them. */
export function bundleDir(root: string): string {
  return join(root, 'node_modules', '.cache', 'l2c-processes');
}

/** What a build was made from: how it was made (this file and esbuild's version), its entries, and the size and modification time of every file bundled. */
interface BuildRecord {
  recipe: string;
  entries: ProcessEntry[];
  inputs: Record<string, string>;
}
const RECORD = 'build.json';

/** Bundles every entry into `bundleDir(root)`, unless the last build has them all and no file of it changed; returns each process's bundle path. */
export async function bundleProcesses(root: string, entries: ProcessEntry[]): Promise<Map<string, string>> {
  const outdir = bundleDir(root);
  const bundles = new Map(entries.map((entry) => [entry.name, join(outdir, `${entry.name}.js`)]));
  const recipe = await buildRecipe();
  if (await upToDate(root, outdir, recipe, entries)) return bundles;
  await rm(outdir, { recursive: true, force: true });
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(entries.map((entry) => [entry.name, join(root, entry.main)])),
    outdir,
    entryNames: '[name]',
    bundle: true,
    splitting: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: 'warning',
    banner: { js: BANNER },
    plugins: [installedPackages(), sourceLocation(outdir)],
  });
  const inputs = Object.fromEntries(await Promise.all(Object.keys(metafile.inputs).map(async (input) => [input, await fingerprint(join(root, input))] as const)));
  await writeFile(join(outdir, RECORD), JSON.stringify({ recipe, entries, inputs } satisfies BuildRecord));
  return bundles;
}

/** A digest of how bundles are made: a change to this file or another esbuild makes every bundle again. */
async function buildRecipe(): Promise<string> {
  return createHash('sha256').update(await readFile(fileURLToPath(import.meta.url))).update(esbuildVersion).digest('hex');
}

async function upToDate(root: string, outdir: string, recipe: string, entries: ProcessEntry[]): Promise<boolean> {
  let record: BuildRecord;
  try {
    record = JSON.parse(await readFile(join(outdir, RECORD), 'utf8')) as BuildRecord;
  } catch {
    return false;
  }
  if (record.recipe !== recipe || JSON.stringify(record.entries) !== JSON.stringify(entries)) return false;
  const current = await Promise.all(Object.entries(record.inputs).map(async ([input, was]) => (await fingerprint(join(root, input))) === was));
  return current.every(Boolean);
}

/** Size and modification time: what an edit changes. A file gone has none. */
async function fingerprint(path: string): Promise<string> {
  try {
    const { size, mtimeMs } = await stat(path);
    return `${size}:${mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/**
 * Installed packages that stay imports, resolved from the root `node_modules` at run time: those that find files beside
 * their own modules (PGlite its WebAssembly and data, Bull Board its web UI, ioredis the package.json whose version it
 * reports to Redis), or load native code.
 */
const EXTERNAL_PACKAGES = new Set(['@electric-sql/pglite', '@bull-board/api', '@bull-board/express', '@bull-board/ui', 'ioredis', 'msgpackr-extract', 'pg-native']);

/**
 * CommonJS packages bundled into ESM still call `require` (for Node's built-in modules and the external packages) and
 * some read `__filename` or `__dirname`; in a bundle these name the bundle, which sits inside the root `node_modules`.
 */
const BANNER = [
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  'const require = __bundleCreateRequire(import.meta.url);',
  'const __filename = import.meta.filename;',
  'const __dirname = import.meta.dirname;',
].join(' ');

/** Installed packages are bundled, except `EXTERNAL_PACKAGES`, which stay imports. */
function installedPackages(): Plugin {
  return {
    name: 'installed-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || args.path.startsWith('@l2c/')) return undefined;
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0]!;
        return EXTERNAL_PACKAGES.has(name) ? { path: args.path, external: true } : undefined;
      });
    },
  };
}

/** Rewrites `import.meta.url` to the module's source file, relative to the bundle, so the bundle can move with the repository. */
function sourceLocation(outdir: string): Plugin {
  return {
    name: 'source-location',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
        const fromBundle = relative(outdir, args.path).split('\\').join('/');
        return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}
