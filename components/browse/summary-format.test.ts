import { describe, expect, it } from 'vitest';

import { formatDay } from './summary-format';

describe('formatDay', () => {
  it.each([
    ['2026-01-15T10:00:00Z', '2026-01-15'],
    ['2026-01-15T23:30:00-02:00', '2026-01-16'],
    ['yesterday', undefined],
    [undefined, undefined],
  ])('%s -> %s (UTC day)', (iso, want) => {
    expect(formatDay(iso)).toBe(want);
  });
});
