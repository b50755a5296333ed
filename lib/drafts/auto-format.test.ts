import { describe, expect, it } from 'vitest';

import { MediaType, type IndexDraft, type IndexEntry } from '@/lib/registry';

import { automaticFormat, followFirstEntries } from './auto-format';

const entry = (mediaType: string, n: number): IndexEntry => ({
  descriptor: {
    mediaType,
    digest: `sha256:${String(n).repeat(64)}`,
    size: 500,
    platform: { os: 'linux', architecture: `arch${n}` },
  },
});
const docker = [entry(MediaType.DockerManifest, 1), entry(MediaType.DockerManifest, 2)];
const oci = [entry(MediaType.OciManifest, 3)];
const empty: IndexDraft = { format: 'oci', entries: [] };

describe('automaticFormat', () => {
  it.each([
    ['only Docker image manifests', docker, 'docker'],
    ['only OCI image manifests', oci, 'oci'],
    ['Docker and OCI mixed', [...docker, ...oci], 'oci'],
    ['a nested Docker manifest list', [entry(MediaType.DockerManifestList, 4)], 'oci'],
    ['nothing', [], 'oci'],
  ] as const)('%s -> %s', (_name, entries, expected) => {
    expect(automaticFormat([...entries])).toBe(expected);
  });
});

describe('followFirstEntries', () => {
  it('makes an empty draft whose format was not chosen a Docker list when its first images are all Docker', () => {
    expect(followFirstEntries(empty, { ...empty, entries: docker }, false).format).toBe('docker');
    expect(
      followFirstEntries(
        { format: 'docker', entries: [] },
        { format: 'docker', entries: oci },
        false,
      ).format,
    ).toBe('oci');
  });

  it('keeps a chosen format, and the format of a draft that already had entries', () => {
    expect(followFirstEntries(empty, { ...empty, entries: docker }, true).format).toBe('oci');
    const before: IndexDraft = { format: 'oci', entries: oci };
    expect(
      followFirstEntries(before, { ...before, entries: [...oci, ...docker] }, false).format,
    ).toBe('oci');
  });

  it('turns a draft whose format was not chosen into an OCI index when attestations arrive', () => {
    const attestation: IndexEntry = {
      descriptor: {
        mediaType: MediaType.OciManifest,
        digest: `sha256:${'9'.repeat(64)}`,
        size: 800,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: {
          'vnd.docker.reference.type': 'attestation-manifest',
          'vnd.docker.reference.digest': docker[0]!.descriptor.digest,
        },
      },
    };
    const before: IndexDraft = { format: 'docker', entries: docker };
    const next: IndexDraft = { ...before, entries: [...docker, attestation] };
    expect(followFirstEntries(before, next, false).format).toBe('oci');
    expect(
      followFirstEntries(empty, { ...empty, entries: [...docker, attestation] }, false).format,
    ).toBe('oci');
    // A format the user chose stays; the draft then shows the problem and its one-click fix.
    expect(followFirstEntries(before, next, true).format).toBe('docker');
  });

  it('returns the same object when nothing changes', () => {
    const next: IndexDraft = { ...empty, entries: oci };
    expect(followFirstEntries(empty, next, false)).toBe(next);
    expect(followFirstEntries(empty, empty, false)).toBe(empty);
  });
});
