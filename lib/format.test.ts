import { describe, expect, it } from 'vitest';

import { formatBytes, formatDate, platformLabel } from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.00 kB'],
    [1536, '1.54 kB'],
    [27_500_000, '27.5 MB'],
    [3_100_000_000, '3.10 GB'],
    [undefined, '—'],
  ])('%s -> %s', (n, s) => expect(formatBytes(n)).toBe(s));
});

describe('formatDate', () => {
  it('formats ISO timestamps in UTC and passes odd input through', () => {
    expect(formatDate('2026-01-15T10:00:00Z')).toBe('2026-01-15 10:00 UTC');
    expect(formatDate('yesterday')).toBe('yesterday');
    expect(formatDate(undefined)).toBe('—');
  });
});

describe('platformLabel', () => {
  it.each([
    [undefined, 'no platform'],
    [{ os: 'linux', architecture: 'amd64' }, 'linux/amd64'],
    [{ os: 'linux', architecture: 'arm64', variant: 'v8' }, 'linux/arm64/v8'],
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2340' },
      'windows/amd64 10.0.20348.2340',
    ],
  ])('%j → %s', (platform, label) => {
    expect(platformLabel(platform)).toBe(label);
  });
});
