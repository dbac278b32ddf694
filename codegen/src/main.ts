import { repoRoot } from '@l2c/shared';
import { CompositionError, type CompositionMessage } from './compose.ts';
import { ConsoleOperationsError } from './consoleOperations.ts';
import { generateAll } from './generateAll.ts';
import { findStale, writeGenerated } from './staleness.ts';

/**
 * `npm run codegen`: writes every subgraph's resolver types, the supergraph and `docker-compose.yml`.
 * `npm run codegen -- --check`: writes nothing; exits 1 naming the stale files when a committed one differs from fresh output.
 * Either way, composition errors are printed with their codes and exit 1.
 */
async function main(args: string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`codegen: unknown argument ${unknown.join(' ')}; usage: npm run codegen [-- --check]`);
    return 2;
  }
  const check = args.includes('--check');
  let generated;
  try {
    generated = await generateAll();
  } catch (error) {
    if (!(error instanceof CompositionError) && !(error instanceof ConsoleOperationsError)) throw error;
    console.error(error.message);
    return 1;
  }
  printHints(generated.hints);
  if (check) {
    const stale = findStale(repoRoot, generated.files);
    if (stale.length === 0) {
      console.log(`codegen: ${generated.files.length} generated files are current.`);
      return 0;
    }
    console.error(`codegen: ${stale.length} generated file${stale.length === 1 ? ' is' : 's are'} stale; run \`npm run codegen\` and commit:`);
    for (const file of stale) console.error(`  ${file.path}: ${file.hint}`);
    return 1;
  }
  const written = writeGenerated(repoRoot, generated.files);
  for (const file of generated.files) console.log(`${written.includes(file.path) ? 'wrote    ' : 'unchanged'} ${file.path}`);
  return 0;
}

function printHints(hints: CompositionMessage[]): void {
  for (const hint of hints) console.warn(`composition hint ${hint.code}: ${hint.message}`);
}

process.exitCode = await main(process.argv.slice(2));
