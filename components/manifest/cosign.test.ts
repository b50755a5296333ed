import { describe, expect, it } from 'vitest';

import { cosignTagsByDigest, fallbackTag, parseCosignTag } from './cosign';

const hex = 'c7dda'.padEnd(64, '0');

describe('parseCosignTag', () => {
  it.each([
    [`sha256-${hex}.sig`, { digest: `sha256:${hex}`, kind: 'signature' }],
    [`sha256-${hex}.att`, { digest: `sha256:${hex}`, kind: 'attestations' }],
    [`sha256-${hex}.sbom`, { digest: `sha256:${hex}`, kind: 'SBOM' }],
    [`sha256-${hex}`, undefined],
    [`sha256-${hex.slice(1)}.sig`, undefined],
    ['latest', undefined],
  ])('%s', (tag, want) => {
    expect(parseCosignTag(tag)).toEqual(want);
  });
});

describe('cosignTagsByDigest', () => {
  it('groups the cosign tags of a repository by the digest they refer to', () => {
    const map = cosignTagsByDigest([
      'latest',
      `sha256-${hex}.sig`,
      `sha256-${hex}.att`,
      `sha256-${hex}`,
    ]);
    expect(map.get(`sha256:${hex}`)).toEqual([
      { tag: `sha256-${hex}.sig`, kind: 'signature' },
      { tag: `sha256-${hex}.att`, kind: 'attestations' },
    ]);
    expect(map.size).toBe(1);
  });

  it('names the referrers fallback tag', () => {
    expect(fallbackTag(`sha256:${hex}`)).toBe(`sha256-${hex}`);
  });
});
