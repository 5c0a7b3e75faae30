/** Process lifecycle: graceful stop on SIGINT / SIGTERM, and no crash on a stray rejected promise. */
import type { Logger } from '../shared/types.js';

/**
 * Runs `stop` once on the first SIGINT or SIGTERM and exits 0 when it resolves (1 when it throws); a second signal
 * exits at once. Unhandled rejections are logged with their stack instead of crashing the process.
 * Returns a function that removes the handlers (tests).
 */
export function installProcessHandlers(options: { logger: Logger; stop: () => Promise<void>; exit?: (code: number) => void }): () => void {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    logger.info(`${signal}: finishing replies in flight, then exiting`);
    options.stop().then(
      () => exit(0),
      (error: unknown) => {
        logger.error('error during shutdown', { error });
        exit(1);
      },
    );
  };
  const onRejection = (reason: unknown) => {
    logger.error('unhandled promise rejection (the process keeps running)', {
      error: reason,
      stack: reason instanceof Error ? reason.stack?.split('\n').slice(0, 6).join(' | ') : undefined,
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('unhandledRejection', onRejection);
  };
}
