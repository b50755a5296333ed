import pino, { type Logger } from 'pino';

import { getConfig } from './config';
import { currentRequestId } from './request-id';

/**
 * Key paths pino replaces with "[redacted]" wherever they appear in a log object: headers,
 * credentials and anything named like a secret, one level down too (`{ req: { headers } }`).
 */
export const REDACT_PATHS = [
  'authorization',
  'cookie',
  'password',
  'token',
  'secret',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.token',
  '*.secret',
  '*.headers.authorization',
  '*.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'credentials',
  '*.credentials',
];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Returns a JSON logger writing to `destination` (default stdout) at `level`; every line carries
 * the current request id (`reqId`) when there is one. Throws only on an unknown level.
 */
export function createLogger(
  level: LogLevel,
  destination?: pino.DestinationStream,
): Logger<never, boolean> {
  const options: pino.LoggerOptions<never, boolean> = {
    level,
    base: { app: 'manifold' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    mixin: () => {
      const reqId = currentRequestId();
      return reqId ? { reqId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

// One logger per process, kept on globalThis so Next's separately bundled routes share it.
const globalForLog = globalThis as unknown as { manifoldLogger?: Logger<never, boolean> };

/** Returns the process-wide logger (level from MANIFOLD_LOG_LEVEL); never throws. */
export function log(): Logger<never, boolean> {
  globalForLog.manifoldLogger ??= createLogger(envLevel());
  return globalForLog.manifoldLogger;
}

/** Replaces the process-wide logger (server start with the configured level; tests capture lines). */
export function setLogger(logger: Logger<never, boolean>): void {
  globalForLog.manifoldLogger = logger;
}

function envLevel(): LogLevel {
  try {
    return getConfig().logLevel;
  } catch {
    // A bad configuration is reported by the start-up check; its message still needs a logger.
    return 'info';
  }
}
