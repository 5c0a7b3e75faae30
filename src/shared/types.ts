/**
 * Cross-cutting types every layer may use: logging and time. They carry no behaviour, so the core stays free of
 * process- and Discord-specific code.
 */

/** Minimal structured logger; everything goes to stderr so stdout stays machine-readable. */
export interface Logger {
  debug(msg: string, ctx?: Record<string, unknown>): void;
  info(msg: string, ctx?: Record<string, unknown>): void;
  warn(msg: string, ctx?: Record<string, unknown>): void;
  error(msg: string, ctx?: Record<string, unknown>): void;
}

/** Injected time source so tests control the clock. */
export interface Clock {
  now(): Date;
}
