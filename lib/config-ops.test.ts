import { describe, expect, it } from 'vitest';

import { toOpsConfig } from './config-ops';

describe('operations settings', () => {
  it('defaults: info logs, no metrics port, 25 s to stop, no drain', () => {
    expect(toOpsConfig({})).toEqual({
      logLevel: 'info',
      metricsHost: '127.0.0.1',
      shutdownTimeoutMs: 25_000,
      shutdownDrainMs: 0,
    });
  });

  it('reads every setting', () => {
    expect(
      toOpsConfig({
        MANIFOLD_LOG_LEVEL: 'debug',
        MANIFOLD_METRICS_PORT: '9464',
        MANIFOLD_METRICS_HOST: '0.0.0.0',
        MANIFOLD_SHUTDOWN_TIMEOUT: '40',
        MANIFOLD_SHUTDOWN_DRAIN: '5',
      }),
    ).toEqual({
      logLevel: 'debug',
      metricsPort: 9464,
      metricsHost: '0.0.0.0',
      shutdownTimeoutMs: 40_000,
      shutdownDrainMs: 5_000,
    });
  });

  it.each([
    [{ MANIFOLD_LOG_LEVEL: 'verbose' }, 'MANIFOLD_LOG_LEVEL="verbose"'],
    [{ MANIFOLD_METRICS_PORT: '70000' }, 'MANIFOLD_METRICS_PORT="70000"'],
    [{ MANIFOLD_METRICS_PORT: 'metrics' }, 'MANIFOLD_METRICS_PORT="metrics"'],
    [{ MANIFOLD_SHUTDOWN_TIMEOUT: '0' }, 'MANIFOLD_SHUTDOWN_TIMEOUT="0"'],
    [{ MANIFOLD_SHUTDOWN_TIMEOUT: '2.5' }, 'MANIFOLD_SHUTDOWN_TIMEOUT="2.5"'],
    [{ MANIFOLD_SHUTDOWN_DRAIN: '30' }, 'MANIFOLD_SHUTDOWN_DRAIN="30"'],
  ])('refuses %j with a CONFIG error naming the key and value', (env, named) => {
    let caught: unknown;
    try {
      toOpsConfig(env);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'CONFIG' });
    expect((caught as Error).message).toContain(named);
  });
});
