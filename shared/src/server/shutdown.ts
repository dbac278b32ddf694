import type { Logger } from '../logger.ts';

/**
 * Closes `steps` in order on SIGTERM or SIGINT, then exits; a second signal, or steps that take longer than
 * `timeoutMs` (default 10 s), exits at once with status 1.
 */
export function onShutdown(logger: Logger, steps: (() => Promise<void>)[], timeoutMs = 10_000): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    void (async () => {
      for (const step of steps) {
        try {
          await step();
        } catch (error) {
          logger.error({ err: error }, 'shutdown step failed');
        }
      }
      logger.info('stopped');
      process.exit(0);
    })();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
