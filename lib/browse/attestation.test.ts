import { describe, expect, it } from 'vitest';

import type { InspectedManifest } from '@/lib/registry';

import { attestsWhat, findAttested, isAttestationManifest, predicateName } from './attestation';

const layer = (predicateType?: string) => ({
  digest: `sha256:${'1'.repeat(64)}`,
  mediaType: 'application/vnd.in-toto+json',
  size: 10,
  ...(predicateType ? { annotations: { 'in-toto.io/predicate-type': predicateType } } : {}),
});

describe('predicateName', () => {
  it.each([
    ['https://slsa.dev/provenance/v0.2', 'SLSA provenance'],
    ['https://slsa.dev/provenance/v1', 'SLSA provenance'],
    ['https://spdx.dev/Document', 'SBOM (SPDX)'],
    ['https://cyclonedx.org/bom', 'SBOM (CycloneDX)'],
    ['https://example.com/custom/v1', 'https://example.com/custom/v1'],
  ])('%s -> %s', (type, name) => {
    expect(predicateName(type)).toBe(name);
  });
});

describe('attestation manifests', () => {
  it('recognises in-toto layers and says what they attest', () => {
    const m = {
      layers: [layer('https://slsa.dev/provenance/v0.2'), layer('https://spdx.dev/Document')],
    };
    expect(isAttestationManifest(m)).toBe(true);
    expect(attestsWhat(m)).toBe('SLSA provenance and SBOM (SPDX)');
    expect(attestsWhat({ layers: [layer()] })).toBe('in-toto statements');
    expect(
      isAttestationManifest({
        layers: [{ ...layer(), mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' }],
      }),
    ).toBe(false);
    expect(isAttestationManifest({ layers: [] })).toBe(false);
  });

  it('finds the image an attestation describes in a list, nested lists included', () => {
    const att = { digest: 'sha256:att', mediaType: '', size: 1, kind: 'image' } as const;
    const image: InspectedManifest = {
      digest: 'sha256:img',
      mediaType: '',
      size: 1,
      kind: 'image',
      platform: { os: 'linux', architecture: 'amd64' },
      attestations: [att],
    };
    const nested: InspectedManifest = {
      digest: 'sha256:nested',
      mediaType: '',
      size: 1,
      kind: 'index',
      manifests: [image],
    };
    expect(findAttested({ manifests: [nested] }, 'sha256:att')?.image.digest).toBe('sha256:img');
    expect(findAttested({ manifests: [image] }, 'sha256:none')).toBeUndefined();
  });
});
