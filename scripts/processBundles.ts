/**
 * The processes `npm start` runs, bundled with esbuild before they are launched. Run from source through tsx, each of
 * the nine processes would transpile and resolve hundreds of TypeScript modules through tsx's loader on every start;
 * bundled, they load a few plain JavaScript files. The install bundles them ahead (postinstall), and every start
 * checks the bundled sources (size and modification time of each) and bundles again, in about a second, when one
 * changed, so an edit is picked up by the next start as with tsx.
 *
 * The repository's own packages (`@l2c/*`) are bundled; installed packages stay imports, resolved from the root
 * `node_modules` as they are from source, except the few installed beside one workspace only (a second version of a
 * package), which are bundled in. A module's `import.meta.url` keeps naming its source file, so the files it finds
 * beside it (migrations, schemas, the supergraph, packages resolved from its folder) are the same as from source.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
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

/** What a build was made from: its entries, and the size and modification time of every file bundled. */
interface BuildRecord {
  entries: ProcessEntry[];
  inputs: Record<string, string>;
}
const RECORD = 'build.json';

/** Bundles every entry into `bundleDir(root)`, unless the last build has them all and no file of it changed; returns each process's bundle path. */
export async function bundleProcesses(root: string, entries: ProcessEntry[]): Promise<Map<string, string>> {
  const outdir = bundleDir(root);
  const bundles = new Map(entries.map((entry) => [entry.name, join(outdir, `${entry.name}.js`)]));
  if (await upToDate(root, outdir, entries)) return bundles;
  await rm(outdir, { recursive: true, force: true });
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(entries.map((entry) => [entry.name, join(root, entry.main)])),
    outdir,
    entryNames: '[name]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [installedPackagesExternal(root), sourceLocation(outdir)],
  });
  const inputs = Object.fromEntries(await Promise.all(Object.keys(metafile.inputs).map(async (input) => [input, await fingerprint(join(root, input))] as const)));
  await writeFile(join(outdir, RECORD), JSON.stringify({ entries, inputs } satisfies BuildRecord));
  return bundles;
}

async function upToDate(root: string, outdir: string, entries: ProcessEntry[]): Promise<boolean> {
  let record: BuildRecord;
  try {
    record = JSON.parse(await readFile(join(outdir, RECORD), 'utf8')) as BuildRecord;
  } catch {
    return false;
  }
  if (JSON.stringify(record.entries) !== JSON.stringify(entries)) return false;
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

/** Installed packages stay imports, unless the one a module finds is installed beside its workspace only. */
function installedPackagesExternal(root: string): Plugin {
  const rootModules = join(root, 'node_modules');
  return {
    name: 'installed-packages-external',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || args.path.startsWith('@l2c/')) return undefined;
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0]!;
        const found = nearestInstall(args.resolveDir, name, root);
        return found === undefined || found === join(rootModules, name) ? { path: args.path, external: true } : undefined;
      });
    },
  };
}

/** The folder Node's resolution would find `name` in, walking up from `dir` to `root`. */
function nearestInstall(dir: string, name: string, root: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const candidate = join(current, 'node_modules', name);
    if (existsSync(candidate)) return candidate;
    if (current === root || current === dirname(current)) return undefined;
  }
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
