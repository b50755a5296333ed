import { configError } from './config-error';

/** How the server is run and watched: log level, the metrics port, the shutdown bound. */
export interface OpsConfig {
  /** pino level of the JSON logs (MANIFOLD_LOG_LEVEL, default info). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Port of the Prometheus `/metrics` listener (MANIFOLD_METRICS_PORT); none when unset. */
  metricsPort?: number;
  /** Address the metrics listener binds (MANIFOLD_METRICS_HOST, default 127.0.0.1). */
  metricsHost: string;
  /** Longest wait for running jobs after SIGTERM before the process exits (MANIFOLD_SHUTDOWN_TIMEOUT, s). */
  shutdownTimeoutMs: number;
  /**
   * How long the process keeps serving after SIGTERM with /api/ready at 503, before it stops jobs
   * (MANIFOLD_SHUTDOWN_DRAIN, s; default 0): a load balancer needs a few probes to take it out.
   */
  shutdownDrainMs: number;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Returns the operations settings from the environment; throws AppError CONFIG naming the bad key. */
export function toOpsConfig(env: Record<string, string | undefined>): OpsConfig {
  const level = (env.MANIFOLD_LOG_LEVEL ?? '').trim() || 'info';
  if (!(LEVELS as readonly string[]).includes(level))
    throw configError('MANIFOLD_LOG_LEVEL', level, `must be one of ${LEVELS.join(', ')}`);
  const port = (env.MANIFOLD_METRICS_PORT ?? '').trim();
  if (port && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535))
    throw configError('MANIFOLD_METRICS_PORT', port, 'must be a port number between 1 and 65535');
  const timeout = (env.MANIFOLD_SHUTDOWN_TIMEOUT ?? '').trim();
  if (timeout && !(/^\d{1,4}$/.test(timeout) && Number(timeout) >= 1))
    throw configError(
      'MANIFOLD_SHUTDOWN_TIMEOUT',
      timeout,
      'must be a whole number of seconds (1 or more)',
    );
  const drain = (env.MANIFOLD_SHUTDOWN_DRAIN ?? '').trim();
  if (drain && !/^\d{1,4}$/.test(drain))
    throw configError('MANIFOLD_SHUTDOWN_DRAIN', drain, 'must be a whole number of seconds');
  const shutdownTimeoutMs = (timeout ? Number(timeout) : 25) * 1000;
  const shutdownDrainMs = (drain ? Number(drain) : 0) * 1000;
  if (shutdownDrainMs >= shutdownTimeoutMs)
    throw configError(
      'MANIFOLD_SHUTDOWN_DRAIN',
      drain,
      `must be shorter than MANIFOLD_SHUTDOWN_TIMEOUT (${shutdownTimeoutMs / 1000} s)`,
    );
  return {
    logLevel: level as OpsConfig['logLevel'],
    ...(port ? { metricsPort: Number(port) } : {}),
    metricsHost: (env.MANIFOLD_METRICS_HOST ?? '').trim() || '127.0.0.1',
    shutdownTimeoutMs,
    shutdownDrainMs,
  };
}
