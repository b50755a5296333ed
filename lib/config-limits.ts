import { configError } from './config-error';

/**
 * How long registry requests may take and how much memory caches may hold. lib/config.ts calls
 * readLimits with the environment; nothing here reads `process.env` itself.
 */
export interface LimitsConfig {
  /**
   * Total time (ms) a registry request made for a page or an API answer may take: a stalled
   * registry then answers TIMEOUT while the person still waits (MANIFOLD_INTERACTIVE_TIMEOUT, s).
   */
  interactiveTimeoutMs: number;
  /** Total time (ms) a registry request made by a job may take (MANIFOLD_JOB_TIMEOUT, s). */
  jobTimeoutMs: number;
  /** Ceiling (bytes) of the in-memory content cache (MANIFOLD_CACHE_MB, MiB). */
  cacheMaxBytes: number;
}

export const DEFAULT_LIMITS: LimitsConfig = {
  interactiveTimeoutMs: 5_000,
  jobTimeoutMs: 120_000,
  cacheMaxBytes: 64 * 1024 * 1024,
};

function positive(
  env: Record<string, string | undefined>,
  key: string,
  unit: number,
  fallback: number,
  hint: string,
): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw configError(key, raw, `must be a positive number ${hint}`);
  return Math.round(n * unit);
}

/** Returns the deadlines and cache ceiling from the environment; throws AppError CONFIG naming a bad value. */
export function readLimits(env: Record<string, string | undefined>): LimitsConfig {
  return {
    interactiveTimeoutMs: positive(
      env,
      'MANIFOLD_INTERACTIVE_TIMEOUT',
      1000,
      DEFAULT_LIMITS.interactiveTimeoutMs,
      'of seconds, e.g. 5',
    ),
    jobTimeoutMs: positive(
      env,
      'MANIFOLD_JOB_TIMEOUT',
      1000,
      DEFAULT_LIMITS.jobTimeoutMs,
      'of seconds, e.g. 120',
    ),
    cacheMaxBytes: positive(
      env,
      'MANIFOLD_CACHE_MB',
      1024 * 1024,
      DEFAULT_LIMITS.cacheMaxBytes,
      'of MiB, e.g. 64',
    ),
  };
}
