/**
 * The gateway process of the subscriptions benchmark: the real `gateway/src/main.ts`, configured by the environment
 * the benchmark sets, which reports its memory and CPU time to the benchmark over IPC every `MEMORY_SAMPLE_MS` and says when it
 * listens. Started with `fork(…, { execArgv: ['--import', 'tsx'] })`.
 */
const sampleMs = Number(process.env.MEMORY_SAMPLE_MS ?? 1000);
setInterval(() => {
  const { heapUsed, rss } = process.memoryUsage();
  const { user, system } = process.cpuUsage();
  process.send?.({ kind: 'memory', at: Date.now(), heapUsed, rss, cpuMicros: user + system });
}, sampleMs).unref();

await import('@l2c/gateway/main');
process.send?.({ kind: 'ready' });
