import { describe, expect, it } from 'vitest';

import { isCosignTag, isSignatureType, signaturesOf } from './trust';

const hex = (c: string) => c.repeat(64);
const list = `sha256:${hex('a')}`;
const amd64 = `sha256:${hex('b')}`;
const other = `sha256:${hex('c')}`;

describe('signaturesOf', () => {
  it('finds cosign .sig tags of the list or one of its images, not .att or .sbom', () => {
    const tags = [
      'latest',
      `sha256-${hex('a')}.sig`,
      `sha256-${hex('b')}.att`,
      `sha256-${hex('c')}.sig`,
    ];
    expect(signaturesOf([list, amd64], tags)).toEqual([
      { via: 'cosign-tag', name: `sha256-${hex('a')}.sig`, subject: list },
    ]);
    expect(signaturesOf([amd64], tags)).toEqual([]);
  });

  it('finds referrers with a signature artifact type', () => {
    const refs = [
      {
        subject: amd64,
        digest: other,
        artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
      },
      { subject: amd64, digest: list, artifactType: 'application/spdx+json' },
      { subject: other, digest: amd64, artifactType: 'application/vnd.cncf.notary.signature' },
    ];
    expect(signaturesOf([list, amd64], [], refs)).toEqual([
      { via: 'referrer', name: other, subject: amd64 },
    ]);
  });

  it('is not fooled by look-alike tags', () => {
    expect(signaturesOf([list], [`sha256-${hex('a')}.sig.bak`, `sha256-${hex('A')}.sig`])).toEqual(
      [],
    );
  });
});

describe('signature types and cosign tags', () => {
  it.each([
    ['application/vnd.dev.cosign.artifact.sig.v1+json', true],
    ['application/vnd.dev.sigstore.bundle.v0.3+json', true],
    ['application/vnd.cncf.notary.signature', true],
    ['application/vnd.in-toto+json', false],
    [undefined, false],
  ])('%s is a signature: %s', (type, expected) => {
    expect(isSignatureType(type)).toBe(expected);
  });

  it('tells cosign tags from release tags', () => {
    expect(isCosignTag(`sha256-${hex('a')}.sig`)).toBe(true);
    expect(isCosignTag(`sha256-${hex('a')}.sbom`)).toBe(true);
    expect(isCosignTag('sha256-abc.sig')).toBe(false);
    expect(isCosignTag('1.2.3')).toBe(false);
  });
});
