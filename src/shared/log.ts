import type { Logger } from './types.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

/** Line-oriented logger writing to stderr (stdout is reserved for command output such as `--json`). */
export function createLogger(options: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: LogLevel) => (msg: string, ctx?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    const extra = ctx && Object.keys(ctx).length > 0 ? ` ${formatContext(ctx)}` : '';
    write(`${level === 'info' ? '' : `${level}: `}${msg}${extra}`);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything, for tests and quiet runs. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function formatContext(ctx: Record<string, unknown>): string {
  return Object.entries(ctx)
    .map(([key, value]) => {
      if (value instanceof Error) return `${key}=${JSON.stringify(value.message)}`;
      return `${key}=${typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value)}`;
    })
    .join(' ');
}
