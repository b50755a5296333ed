import { describe, expect, it } from 'vitest';

import { formatDay, shortDigestText } from './summary-format';

describe('shortDigestText', () => {
  it.each([
    [`sha256:${'ab'.repeat(32)}`, 'sha256:abababababab'],
    [`sha512:${'0'.repeat(128)}`, 'sha512:000000000000'],
    ['not-a-digest', 'not-a-digest'],
  ])('%s -> %s', (digest, want) => {
    expect(shortDigestText(digest)).toBe(want);
  });
});

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
