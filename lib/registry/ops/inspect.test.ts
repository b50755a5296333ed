import { describe, expect, it } from 'vitest';

import { artifactTypeOf } from './inspect';

describe('artifactTypeOf', () => {
  it.each([
    [
      'its artifactType',
      {
        artifactType: 'application/vnd.example.sbom',
        config: { mediaType: 'application/vnd.oci.empty.v1+json' },
      },
      'application/vnd.example.sbom',
    ],
    [
      'artifactType over the config type',
      { artifactType: 'application/a', config: { mediaType: 'application/b' } },
      'application/a',
    ],
    [
      'the config media type when artifactType is missing (cosign, helm)',
      { config: { mediaType: 'application/vnd.cncf.helm.config.v1+json' } },
      'application/vnd.cncf.helm.config.v1+json',
    ],
    [
      'nothing for the empty config',
      { config: { mediaType: 'application/vnd.oci.empty.v1+json' } },
      undefined,
    ],
    [
      'nothing for an image config',
      { config: { mediaType: 'application/vnd.oci.image.config.v1+json' } },
      undefined,
    ],
  ])('returns %s', (_name, manifest, expected) => {
    expect(artifactTypeOf(manifest)).toBe(expected);
  });
});
