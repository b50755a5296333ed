import { describe, expect, it } from 'vitest';

import type { TagSummary } from '@/lib/browse/tag-summary';

import { coveredKeys, platformColumns } from './coverage';

function summary(platforms: TagSummary['platforms']): TagSummary {
  return {
    reference: 'r',
    digest: 'sha256:0',
    kind: 'index',
    format: 'oci-index',
    platforms,
    totalSize: 0,
    childErrors: 0,
  };
}

describe('platformColumns', () => {
  it('unions platforms across tags in display order, one column per normalised platform', () => {
    const cols = platformColumns([
      summary([
        { os: 'linux', architecture: 's390x' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
      ]),
      undefined,
      summary([
        { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227' },
        { os: 'linux', architecture: 'amd64' },
      ]),
      summary([
        { os: 'linux', architecture: 'arm64' },
        { os: 'linux', architecture: 'arm', variant: 'v7' },
      ]),
    ]);
    expect(cols.map((c) => c.key)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/arm/v7',
      'linux/s390x',
      'windows/amd64:10.0.20348.2227',
    ]);
    // The first spelling seen is the one displayed.
    expect(cols[1]?.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
  });

  it('has no columns before any summary has loaded', () => {
    expect(platformColumns([undefined, undefined])).toEqual([]);
  });
});

describe('coveredKeys', () => {
  it('normalises so linux/arm64/v8 covers the linux/arm64 column', () => {
    expect(
      coveredKeys(summary([{ os: 'linux', architecture: 'arm64', variant: 'v8' }])).has(
        'linux/arm64',
      ),
    ).toBe(true);
  });
});
