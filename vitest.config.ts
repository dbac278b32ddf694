import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { defineConfig } from 'vitest/config';

const graphqlDir = dirname(createRequire(import.meta.url).resolve('graphql/package.json'));

export default defineConfig({
  resolve: {
    // Node loads `graphql` (no exports map) as CommonJS, and so do Apollo and graphql-tools; Vite would pick its ESM
    // build for our own files. Two copies of graphql break `instanceof` checks, so tests resolve it the way Node does.
    alias: [{ find: /^graphql$/, replacement: `${graphqlDir}/index.js` }],
  },
  test: {
    include: ['shared/src/**/*.test.ts', 'gateway/src/**/*.test.ts', 'subgraphs/*/src/**/*.test.ts', 'codegen/src/**/*.test.ts', 'salesforce-emulator/src/**/*.test.ts', 'test/**/*.e2e.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
