/**
 * Child process of the gateway-peers benchmark: our gateway's own `main.ts`, configured from the environment the
 * benchmark sets (port, supergraph, secrets, log level), with every security feature on. Its top-level `await`s
 * finish once the gateway listens; then `{ kind: 'ready' }` goes to the parent.
 */
await import('@l2c/gateway/main');
process.send?.({ kind: 'ready' });
export {};
