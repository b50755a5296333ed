import { afterEach, describe, expect, it } from 'vitest';

import { hasCode } from '@/lib/errors';

import { countAttempt, resetAttempts } from './rate-limit';

afterEach(resetAttempts);

describe('countAttempt', () => {
  it('refuses the attempt after the limit in a window, per key, and allows again after it', () => {
    for (let i = 0; i < 3; i++) countAttempt(['name:a', 'peer:1'], 3, 60_000, 1000);
    let err: unknown;
    try {
      countAttempt(['name:a'], 3, 60_000, 2000);
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'RATE_LIMITED')).toBe(true);
    // Another name from the same address is refused too: the address has used its attempts.
    expect(() => countAttempt(['name:b', 'peer:1'], 3, 60_000, 2000)).toThrow(
      /Too many sign-in attempts/,
    );
    expect(() => countAttempt(['name:c', 'peer:2'], 3, 60_000, 2000)).not.toThrow();
    expect(() => countAttempt(['name:a', 'peer:1'], 3, 60_000, 61_001)).not.toThrow();
  });
});
