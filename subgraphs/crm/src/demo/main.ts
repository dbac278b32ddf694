import { fileURLToPath } from 'node:url';
import { openStore } from '@l2c/shared';
import { parseDemoArgs, USAGE } from './args.ts';
import { DEMO_TABLES } from './data.ts';
import { loadDemoDataIfEmpty } from './load.ts';

/** `npm run demo-data`: fills an empty CRM store with a generated dealer network and prints what it loaded. */

const migrationsDir = fileURLToPath(new URL('../store/migrations', import.meta.url));

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseDemoArgs(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const store = await openStore({
    name: 'crm',
    databaseUrl: args.databaseUrl,
    migrationsDir,
    ...(args.dataDir === undefined ? {} : { dataDir: args.dataDir }),
  });
  try {
    const started = performance.now();
    const outcome = await loadDemoDataIfEmpty(store, { size: args.size, seed: args.seed });
    if (!outcome.loaded) {
      console.error(`Refused: ${outcome.reason}. Point --data-dir or --database-url at an empty store, or remove the existing one.`);
      return 1;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Loaded demo data (size ${args.size}, seed ${JSON.stringify(args.seed)}) into the ${store.driver} store in ${seconds} s:`);
    const width = Math.max(...DEMO_TABLES.map((table) => table.length));
    for (const table of DEMO_TABLES) console.log(`  ${table.padEnd(width)}  ${String(outcome.counts[table]).padStart(6)}`);
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
