import { describe, expect, it } from 'vitest';

import { DEFAULT_LIMITS, readLimits } from './config-limits';

describe('readLimits', () => {
  it('keeps the defaults when nothing is set', () => {
    expect(readLimits({})).toEqual(DEFAULT_LIMITS);
    expect(readLimits({ MANIFOLD_INTERACTIVE_TIMEOUT: ' ' })).toEqual(DEFAULT_LIMITS);
  });

  it('reads seconds and MiB', () => {
    expect(
      readLimits({
        MANIFOLD_INTERACTIVE_TIMEOUT: '2.5',
        MANIFOLD_JOB_TIMEOUT: '600',
        MANIFOLD_CACHE_MB: '16',
      }),
    ).toEqual({
      interactiveTimeoutMs: 2500,
      jobTimeoutMs: 600_000,
      cacheMaxBytes: 16 * 1024 * 1024,
    });
  });

  it.each([
    ['MANIFOLD_INTERACTIVE_TIMEOUT', '5s'],
    ['MANIFOLD_JOB_TIMEOUT', '0'],
    ['MANIFOLD_CACHE_MB', '-1'],
  ])('refuses %s=%s with a CONFIG error naming it', (key, value) => {
    expect(() => readLimits({ [key]: value })).toThrow(
      expect.objectContaining({ name: 'AppError', code: 'CONFIG' }),
    );
    expect(() => readLimits({ [key]: value })).toThrow(`${key}=${JSON.stringify(value)}`);
  });
});
