/** Process lifecycle: graceful stop on SIGINT / SIGTERM, and no crash on a stray rejected promise. */
import { watchParent } from '../process/parent.js';
import type { Logger } from '../shared/types.js';

// A stop that takes longer than this (a stuck reply, a model still loading) is cut short: process managers
// escalate to SIGKILL after about 10 s, which would skip the exit handlers.
const STOP_DEADLINE_MS = 9000;

/**
 * Runs `stop` once on the first SIGINT or SIGTERM and exits 0 when it resolves (1 when it throws); a second signal
 * exits at once, and so does a stop still running after 9 s. A parent that goes away (npm ended by SIGTERM) counts
 * as a signal. Unhandled rejections are logged with their stack instead of crashing the process.
 * Returns a function that removes the handlers (tests).
 */
export function installProcessHandlers(options: {
  logger: Logger;
  stop: () => Promise<void>;
  exit?: (code: number) => void;
  deadlineMs?: number;
  /** How the parent process is watched (tests). */
  parent?: { pid: () => number; intervalMs: number };
}): () => void {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    logger.info(`${signal}: finishing replies in flight, then exiting`);
    const deadline = setTimeout(() => {
      logger.warn('still stopping after the deadline: exiting now');
      exit(1);
    }, options.deadlineMs ?? STOP_DEADLINE_MS);
    deadline.unref();
    options.stop().then(
      () => {
        clearTimeout(deadline);
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
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
  // npm and its shell may end before the bot when all of them got the signal: that is no second signal.
  const unwatch = watchParent(() => {
    if (!stopping) onSignal('parent process ended');
  }, options.parent ? { parentPid: options.parent.pid, intervalMs: options.parent.intervalMs } : {});
  return () => {
    unwatch();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('unhandledRejection', onRejection);
  };
}
