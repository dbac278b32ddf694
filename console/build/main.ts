/**
 * `npm run build -w console`: builds the admin console into `console/dist`.
 * `--if-stale` (postinstall): builds only when the inputs changed since the last build, and a failure only warns, so
 * an install never fails on the console (`npm start` and the console's test build it again, and say why not).
 */
import { ensureConsoleBuilt } from './index.ts';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--if-stale');
if (unknown.length > 0) {
  console.error(`console build: unknown argument ${unknown.join(' ')}; usage: npm run build -w console [-- --if-stale]`);
  process.exit(2);
}
try {
  const result = await ensureConsoleBuilt({ force: !args.includes('--if-stale') });
  console.log(result.built ? `console built into ${result.dir} in ${(result.ms / 1000).toFixed(1)} s` : `console build in ${result.dir} is current`);
} catch (error) {
  console.error(`console build failed: ${(error as Error).message}`);
  process.exit(args.includes('--if-stale') ? 0 : 1);
}
