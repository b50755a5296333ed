import { describe, expect, it } from 'vitest';

import type { InspectedManifest, InspectResult } from '@/lib/registry';
import { summarize } from './tag-summary';

const D = (n: number): string => `sha256:${String(n).padStart(64, '0')}`;

function result(extra: Partial<InspectResult>): InspectResult {
  return {
    reference: `127.0.0.1:5000/demo/x:latest@${D(1)}`,
    registry: '127.0.0.1:5000',
    repository: 'demo/x',
    tag: 'latest',
    digest: D(1),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    size: 500,
    kind: 'index',
    format: 'oci-index',
    totalSize: 12345,
    headers: {},
    raw: '{}',
    ...extra,
  };
}

function child(n: number, extra: Partial<InspectedManifest>): InspectedManifest {
  return {
    digest: D(n),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 100,
    kind: 'image',
    ...extra,
  };
}

describe('summarize', () => {
  it('lists an index’s platforms in display order, deduplicated after normalisation', () => {
    const s = summarize(
      result({
        format: 'docker-list',
        created: '2026-01-15T10:00:00Z',
        manifests: [
          child(2, { platform: { os: 'linux', architecture: 's390x' } }),
          child(3, { platform: { os: 'linux', architecture: 'arm', variant: 'v7' } }),
          child(4, { platform: { os: 'linux', architecture: 'amd64' } }),
          child(5, { platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }),
          child(6, { platform: { os: 'linux', architecture: 'arm64' } }),
        ],
      }),
    );
    expect(s).toEqual({
      reference: `127.0.0.1:5000/demo/x:latest@${D(1)}`,
      digest: D(1),
      kind: 'index',
      format: 'docker-list',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
        { os: 'linux', architecture: 'arm', variant: 'v7' },
        { os: 'linux', architecture: 's390x' },
      ],
      totalSize: 12345,
      created: '2026-01-15T10:00:00Z',
      childErrors: 0,
      images: [
        { platform: { os: 'linux', architecture: 'amd64' }, digest: D(4), size: 100 },
        {
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
          digest: D(5),
          size: 100,
        },
        { platform: { os: 'linux', architecture: 'arm64' }, digest: D(6), size: 100 },
        { platform: { os: 'linux', architecture: 'arm', variant: 'v7' }, digest: D(3), size: 100 },
        { platform: { os: 'linux', architecture: 's390x' }, digest: D(2), size: 100 },
      ],
    });
  });

  it('keeps the source annotation or label only when it is an http(s) URL', () => {
    const withSource = (source: string) =>
      summarize(
        result({
          manifests: [
            child(2, {
              platform: { os: 'linux', architecture: 'amd64' },
              config: { config: { Labels: { 'org.opencontainers.image.source': source } } },
            }),
          ],
        }),
      ).source;
    expect(withSource('https://github.com/x/y')).toBe('https://github.com/x/y');
    expect(withSource('http://git.example/x')).toBe('http://git.example/x');
    expect(withSource('javascript:alert(1)')).toBeUndefined();
    expect(withSource('git@github.com:x/y.git')).toBeUndefined();
    expect(
      summarize(
        result({ annotations: { 'org.opencontainers.image.source': 'https://a.example/r' } }),
      ).source,
    ).toBe('https://a.example/r');
  });

  it('flattens nested indexes, reads a missing platform from the config, skips unknown/unknown and counts child errors', () => {
    const s = summarize(
      result({
        manifests: [
          child(2, {
            kind: 'index',
            mediaType: 'application/vnd.oci.image.index.v1+json',
            manifests: [
              child(3, {
                platform: {
                  os: 'windows',
                  architecture: 'amd64',
                  'os.version': '10.0.20348.2227',
                  features: ['x'],
                },
              }),
              child(4, { error: { code: 'MANIFEST_UNKNOWN', message: 'gone' } }),
            ],
          }),
          child(5, { config: { os: 'linux', architecture: 'riscv64' } }),
          child(6, { platform: { os: 'unknown', architecture: 'unknown' } }),
        ],
      }),
    );
    expect(s.platforms).toEqual([
      { os: 'linux', architecture: 'riscv64' },
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227' },
    ]);
    expect(s.childErrors).toBe(1);
  });

  it.each([
    ['docker-image', 'image'],
    ['oci-image', 'image'],
    ['artifact', 'artifact'],
  ] as const)('gives a single %s manifest the kind %s and its own platform', (format, kind) => {
    const s = summarize(
      result({
        format,
        kind: kind === 'image' ? 'image' : 'artifact',
        platform: format === 'artifact' ? undefined : { os: 'linux', architecture: 'amd64' },
        ...(format === 'artifact' ? { artifactType: 'application/vnd.example.sbom.v1+json' } : {}),
      }),
    );
    expect(s.kind).toBe(kind);
    expect(s.platforms).toEqual(
      format === 'artifact' ? [] : [{ os: 'linux', architecture: 'amd64' }],
    );
    expect(s.artifactType).toBe(
      format === 'artifact' ? 'application/vnd.example.sbom.v1+json' : undefined,
    );
  });
});
