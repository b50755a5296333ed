import { describe, expect, it } from 'vitest';

import { MediaType } from '@/lib/registry';

import { entriesToAdd, entryLabel, type ResolvedReference } from './resolve';

const d = (c: string) => `sha256:${c.repeat(64)}`;

const list: ResolvedReference = {
  reference: `r.example/app:1@${d('0')}`,
  registry: 'r.example',
  repository: 'app',
  tag: '1',
  digest: d('0'),
  mediaType: MediaType.OciIndex,
  kind: 'index',
  candidates: [
    {
      digest: d('a'),
      mediaType: MediaType.OciManifest,
      size: 1,
      platform: { os: 'linux', architecture: 'amd64' },
      attestation: false,
      source: `r.example/app@${d('a')}`,
    },
    {
      digest: d('b'),
      mediaType: MediaType.OciManifest,
      size: 2,
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      attestation: false,
      source: `r.example/app@${d('b')}`,
    },
    {
      digest: d('c'),
      mediaType: MediaType.OciManifest,
      size: 3,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: {
        'vnd.docker.reference.type': 'attestation-manifest',
        'vnd.docker.reference.digest': d('b'),
      },
      attestation: true,
      attestationFor: d('b'),
      source: `r.example/app@${d('c')}`,
    },
  ],
};

describe('entriesToAdd', () => {
  it('adds every image of a list by default, attestations after their images', () => {
    expect(entriesToAdd(list).map((e) => e.descriptor.digest)).toEqual([d('a'), d('b'), d('c')]);
  });

  it('adds the chosen platforms with the attestations that describe them', () => {
    expect(entriesToAdd(list, { platforms: [d('a')] }).map((e) => e.descriptor.digest)).toEqual([
      d('a'),
    ]);
    expect(entriesToAdd(list, { platforms: [d('b')] }).map((e) => e.descriptor.digest)).toEqual([
      d('b'),
      d('c'),
    ]);
  });

  it('applies hand-set platform fields and annotations to the image only', () => {
    const [image, att] = entriesToAdd(list, {
      platforms: [d('b')],
      platform: { variant: 'v9', 'os.version': '' },
      annotations: { k: 'v' },
    });
    expect(image?.descriptor.platform).toEqual({
      os: 'linux',
      architecture: 'arm64',
      variant: 'v9',
    });
    expect(image?.descriptor.annotations).toEqual({ k: 'v' });
    expect(att?.descriptor.annotations?.k).toBeUndefined();
    expect(image?.source).toBe(`r.example/app@${d('b')}`);
  });

  it('refuses unknown digests, an empty choice, and hand-set platforms for several images', () => {
    expect(() => entriesToAdd(list, { platforms: [d('f')] })).toThrow(/has no entry/);
    expect(() => entriesToAdd(list, { platforms: [] })).toThrow(/at least one/);
    expect(() => entriesToAdd(list, { platform: { os: 'linux' } })).toThrow(/one image at a time/);
  });

  it('labels entries by platform, attestations by the image they describe', () => {
    const descriptors = entriesToAdd(list).map((e) => e.descriptor);
    expect(descriptors.map((x) => entryLabel(x, descriptors))).toEqual([
      'linux/amd64',
      'linux/arm64/v8',
      'attestation for linux/arm64/v8',
    ]);
  });
});
