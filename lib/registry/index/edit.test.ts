import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { sha256Digest } from '../hash';
import {
  addEntries,
  annotateEntry,
  draftFromIndex,
  moveEntry,
  removeEntry,
  serializeIndex,
  setIndexAnnotations,
} from './edit';
import { validateDraft } from './validate';
import { type DraftIssue, type IndexDraft, type IndexEntry } from './types';
import { attestationTarget, isAttestation, type Descriptor } from '../descriptor';
import { parseManifest, type ParsedIndex } from '../manifest';
import { MediaType } from '../media-types';
import { formatPlatform, type Platform } from '../platform';

const D = (s: string) => sha256Digest(s);
const SOURCE = 'docker.io/library/postgres:17.11';

function loadIndex(file: string): ParsedIndex {
  const raw = new Uint8Array(
    readFileSync(path.join(import.meta.dirname, '..', 'testdata', 'manifests', file)),
  );
  const parsed = parseManifest(raw, {});
  if (parsed.kind !== 'index') throw new Error(`${file} is not an index`);
  return parsed;
}

const postgres = () => draftFromIndex(loadIndex('postgres-17.11.oci-index.json'), SOURCE);
const dotnet = () => draftFromIndex(loadIndex('dotnet-runtime-5.0.docker-list.json'));

function image(name: string, platform?: Platform, extra: Partial<Descriptor> = {}): IndexEntry {
  return {
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: D(name),
      size: 1000 + name.length,
      ...(platform ? { platform } : {}),
      ...extra,
    },
    source: `localhost:5000/demo/shazam:${name}`,
  };
}

function attestation(name: string, target: string): IndexEntry {
  return {
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: D(name),
      size: 841,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: {
        'vnd.docker.reference.type': 'attestation-manifest',
        'vnd.docker.reference.digest': target,
      },
    },
  };
}

const linux = (architecture: string, variant?: string): Platform => ({
  os: 'linux',
  architecture,
  ...(variant ? { variant } : {}),
});
const draft = (entries: IndexEntry[], extra: Partial<IndexDraft> = {}): IndexDraft => ({
  format: 'oci',
  entries,
  ...extra,
});
const platforms = (d: IndexDraft) =>
  d.entries.map((e) =>
    isAttestation(e.descriptor)
      ? `att->${d.entries.find((r) => r.descriptor.digest === attestationTarget(e.descriptor))?.descriptor.platform?.architecture ?? '?'}`
      : e.descriptor.platform
        ? formatPlatform(e.descriptor.platform)
        : 'none',
  );
const codes = (issues: DraftIssue[]) =>
  issues.map((i) => `${i.code}:${i.severity}${i.field ? `:${i.field}` : ''}`);

describe('draftFromIndex', () => {
  it('takes every entry of the real postgres:17.11 index, in order, with its source', () => {
    const d = postgres();
    expect(d.format).toBe('oci');
    expect(d.entries).toHaveLength(16);
    expect(d.entries.every((e) => e.source === SOURCE)).toBe(true);
    expect(platforms(d).slice(0, 4)).toEqual([
      'linux/amd64',
      'att->amd64',
      'linux/arm/v5',
      'att->arm',
    ]);
    expect(d.annotations).toBeUndefined();
  });

  it('uses the Docker format for a Docker manifest list', () => {
    const d = dotnet();
    expect(d.format).toBe('docker');
    expect(d.entries).toHaveLength(7);
    expect(d.entries[0]?.source).toBeUndefined();
  });

  it('copies index annotations, artifactType and subject, and does not alias the parsed index', () => {
    const parsed = loadIndex('oci-index-kitchen-sink.json');
    const d = draftFromIndex(parsed);
    expect(d.artifactType).toBe('application/vnd.example.bundle.v1');
    expect(d.subject?.digest).toBe(D('subject'));
    expect(d.annotations).toEqual({ 'org.opencontainers.image.description': 'kitchen sink' });
    d.entries[0]!.descriptor.platform!.os = 'changed';
    expect(parsed.manifests[0]?.platform?.os).toBe('linux');
  });
});

describe('validateDraft', () => {
  it.each([
    ['postgres:17.11 (OCI, attestations)', postgres],
    ['dotnet/runtime:5.0 (Docker, Windows os.version)', dotnet],
    ['image-spec example index', () => draftFromIndex(loadIndex('oci-index-spec-example.json'))],
  ])('finds nothing wrong with %s', (_name, make) => {
    expect(validateDraft(make())).toEqual([]);
  });

  const amd64 = image('amd64', linux('amd64'));
  it.each<[string, IndexDraft, string[]]>([
    ['empty', draft([]), ['EMPTY:error']],
    ['only attestations', draft([attestation('att', D('gone'))]), ['EMPTY:error']],
    [
      'Docker list with index annotations',
      draft([{ descriptor: { ...amd64.descriptor, mediaType: MediaType.DockerManifest } }], {
        format: 'docker',
        annotations: { 'org.opencontainers.image.source': 'https://github.com/x/y' },
      }),
      ['DOCKER_ANNOTATIONS:error:annotations'],
    ],
    [
      'Docker list with entry annotations',
      draft(
        [
          {
            descriptor: {
              ...amd64.descriptor,
              mediaType: MediaType.DockerManifest,
              annotations: { a: 'b' },
            },
          },
        ],
        {
          format: 'docker',
        },
      ),
      ['DOCKER_ANNOTATIONS:error:annotations'],
    ],
    [
      'Docker list with artifactType and subject',
      draft([{ descriptor: { ...amd64.descriptor, mediaType: MediaType.DockerManifest } }], {
        format: 'docker',
        artifactType: 'application/x',
        subject: { mediaType: MediaType.OciManifest, digest: D('s'), size: 1 },
      }),
      ['DOCKER_ANNOTATIONS:error:artifactType', 'DOCKER_ANNOTATIONS:error:subject'],
    ],
    [
      'Docker list with attestations',
      draft(
        [
          { descriptor: { ...amd64.descriptor, mediaType: MediaType.DockerManifest } },
          attestation('att', amd64.descriptor.digest),
        ],
        { format: 'docker' },
      ),
      ['MIXED_MEDIA_TYPES:warning:mediaType', 'DOCKER_ANNOTATIONS:error:annotations'],
    ],
    [
      'Docker list with an OCI child',
      draft([amd64], { format: 'docker' }),
      ['MIXED_MEDIA_TYPES:warning:mediaType'],
    ],
    [
      'OCI index with a Docker child',
      draft([{ descriptor: { ...amd64.descriptor, mediaType: MediaType.DockerManifest } }]),
      ['MIXED_MEDIA_TYPES:warning:mediaType'],
    ],
    [
      'Docker list with an unknown child',
      draft([{ descriptor: { ...amd64.descriptor, mediaType: 'application/vnd.example+json' } }], {
        format: 'docker',
      }),
      ['UNSUPPORTED_CHILD:warning:mediaType'],
    ],
    [
      'OCI index with an unknown child',
      draft([
        amd64,
        { descriptor: { mediaType: 'application/vnd.example+json', digest: D('x'), size: 1 } },
      ]),
      [],
    ],
    [
      'schema1 child',
      draft([{ descriptor: { ...amd64.descriptor, mediaType: MediaType.DockerSchema1Signed } }]),
      ['UNSUPPORTED_CHILD:error:mediaType'],
    ],
    [
      'invalid digest',
      draft([image('x', linux('amd64'), { digest: 'sha256:1234' })]),
      ['INVALID_DIGEST:error:digest'],
    ],
    [
      'invalid subject digest',
      draft([amd64], {
        subject: { mediaType: MediaType.OciManifest, digest: 'sha256:nope', size: 1 },
      }),
      ['INVALID_DIGEST:error:subject.digest'],
    ],
    [
      'Docker list entry without platform',
      draft([{ descriptor: { mediaType: MediaType.DockerManifest, digest: D('x'), size: 1 } }], {
        format: 'docker',
      }),
      ['MISSING_PLATFORM:error:platform'],
    ],
    ['OCI image without platform', draft([image('noplat')]), ['MISSING_PLATFORM:warning:platform']],
    [
      'OCI nested index, artifact and attestation without platform',
      draft([
        amd64,
        { descriptor: { mediaType: MediaType.OciIndex, digest: D('nested'), size: 1 } },
        image('sbom', undefined, { artifactType: 'application/spdx+json' }),
        {
          descriptor: {
            ...attestation('att', amd64.descriptor.digest).descriptor,
            platform: undefined,
          },
        },
      ]),
      [],
    ],
    [
      'platform without os',
      draft([image('x', { os: '', architecture: 'amd64' })]),
      ['MISSING_OS:error:platform.os'],
    ],
    [
      'platform without architecture',
      draft([image('x', { os: 'linux', architecture: ' ' })]),
      ['MISSING_ARCH:error:platform.architecture'],
    ],
    [
      'arm64 twice (v8 and no variant)',
      draft([image('a', linux('arm64', 'v8')), image('b', linux('aarch64'))]),
      ['DUPLICATE_PLATFORM:error:platform'],
    ],
    [
      'arm and arm/v7',
      draft([image('a', linux('arm')), image('b', linux('arm', 'v7'))]),
      ['DUPLICATE_PLATFORM:error:platform'],
    ],
    [
      'arm/v6 and arm/v7',
      draft([image('a', linux('arm', 'v6')), image('b', linux('arm', 'v7'))]),
      [],
    ],
    [
      'Windows with different os.version',
      draft([
        image('a', { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1697' }),
        image('b', { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227' }),
      ]),
      [],
    ],
    [
      'two unknown/unknown images',
      draft([
        amd64,
        image('u1', { os: 'unknown', architecture: 'unknown' }),
        image('u2', { os: 'unknown', architecture: 'unknown' }),
      ]),
      [],
    ],
  ])('%s', (_name, d, expected) => {
    expect(codes(validateDraft(d))).toEqual(expected);
  });

  it('reports a duplicate on the later entry and names the first', () => {
    const first = image('a', linux('arm64', 'v8'));
    const second = image('b', linux('arm64'));
    const [issue] = validateDraft(draft([first, second]));
    expect(issue?.entry).toBe(second.descriptor.digest);
    expect(issue?.message).toContain(first.descriptor.digest);
    expect(issue?.message).toContain('linux/arm64');
  });

  it('suggests the OCI format for annotations on a Docker list', () => {
    const d = { ...dotnet(), annotations: { a: 'b' } };
    expect(validateDraft(d)[0]?.message).toContain('OCI format');
  });
});

describe('addEntries', () => {
  const amd64 = image('amd64', linux('amd64'));
  const amd64Att = attestation('amd64-att', amd64.descriptor.digest);
  const base = draft([amd64, amd64Att]);

  it('inserts runnable entries before the attestations and appends attestations', () => {
    const arm64 = image('arm64', linux('arm64'));
    const d = addEntries(base, [arm64, attestation('arm64-att', arm64.descriptor.digest)]);
    expect(platforms(d)).toEqual(['linux/amd64', 'linux/arm64', 'att->amd64', 'att->arm64']);
    expect(d.entries[1]?.source).toBe('localhost:5000/demo/shazam:arm64');
    expect(base.entries).toHaveLength(2);
  });

  it('skips a digest already present, or replaces it with { replace: true }', () => {
    const again = { ...amd64, descriptor: { ...amd64.descriptor, annotations: { note: 'new' } } };
    expect(addEntries(base, [again]).entries).toEqual(base.entries);
    const replaced = addEntries(base, [again], { replace: true });
    expect(replaced.entries[0]?.descriptor.annotations).toEqual({ note: 'new' });
    expect(replaced.entries).toHaveLength(2);
  });

  it('moves an entry replaced by the same digest as another kind, so attestations stay last', () => {
    const arm64 = image('arm64', linux('arm64'));
    const d = draft([amd64, arm64, amd64Att]);
    const asAttestation = attestation('arm64', amd64.descriptor.digest);
    expect(asAttestation.descriptor.digest).toBe(arm64.descriptor.digest);
    const replaced = addEntries(d, [asAttestation], { replace: true });
    expect(platforms(replaced)).toEqual(['linux/amd64', 'att->amd64', 'att->amd64']);
    expect(replaced.entries.at(-1)?.descriptor.digest).toBe(arm64.descriptor.digest);
  });

  it('adds a second entry for a platform already present (validation flags it)', () => {
    const other = image('amd64-rebuild', linux('x86_64'));
    const d = addEntries(base, [other]);
    expect(d.entries).toHaveLength(3);
    expect(codes(validateDraft(d))).toEqual(['DUPLICATE_PLATFORM:error:platform']);
  });

  it('replaces the entry of the same (normalised) platform in place and drops its attestations', () => {
    const arm = image('arm', linux('arm', 'v7'));
    const start = addEntries(base, [arm]);
    const rebuild = image('amd64-rebuild', linux('x86_64'));
    const d = addEntries(start, [rebuild], { replace: true });
    expect(d.entries.map((e) => e.descriptor.digest)).toEqual([
      rebuild.descriptor.digest,
      arm.descriptor.digest,
    ]);
    expect(validateDraft(d)).toEqual([]);
  });

  it('appends unknown/unknown images even with replace', () => {
    const u = image('u', { os: 'unknown', architecture: 'unknown' });
    const d = addEntries(
      addEntries(base, [u], { replace: true }),
      [image('u2', { os: 'unknown', architecture: 'unknown' })],
      {
        replace: true,
      },
    );
    expect(d.entries).toHaveLength(4);
  });

  it('copies what it adds', () => {
    const arm64 = image('arm64', linux('arm64'));
    const d = addEntries(base, [arm64]);
    arm64.descriptor.platform!.architecture = 'mutated';
    expect(d.entries[1]?.descriptor.platform?.architecture).toBe('arm64');
  });
});

describe('removeEntry', () => {
  it('removes a platform and the attestations that point at it (postgres:17.11)', () => {
    const d = postgres();
    const arm64 = d.entries.find((e) => e.descriptor.platform?.architecture === 'arm64')!;
    const out = removeEntry(d, arm64.descriptor.digest);
    expect(out.entries).toHaveLength(14);
    expect(
      out.entries.some((e) => attestationTarget(e.descriptor) === arm64.descriptor.digest),
    ).toBe(false);
    expect(d.entries).toHaveLength(16);
    expect(validateDraft(out)).toEqual([]);
  });

  it('removes only the attestation when given its digest', () => {
    const d = postgres();
    const att = d.entries[1]!;
    expect(removeEntry(d, att.descriptor.digest).entries).toHaveLength(15);
  });

  it.each([
    ['removeEntry', (d: IndexDraft) => removeEntry(d, D('missing'))],
    ['moveEntry', (d: IndexDraft) => moveEntry(d, D('missing'), 0)],
    [
      'annotateEntry',
      (d: IndexDraft) => annotateEntry(d, D('missing'), { annotations: { a: 'b' } }),
    ],
  ])('%s throws NOT_FOUND for an unknown digest', (_name, fn) => {
    expect(() => fn(postgres())).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);
  });
});

describe('moveEntry', () => {
  const a = image('a', linux('amd64'));
  const b = image('b', linux('arm64'));
  const c = image('c', linux('s390x'));
  const start = draft([
    a,
    b,
    c,
    attestation('a-att', a.descriptor.digest),
    attestation('c-att', c.descriptor.digest),
  ]);

  it.each<[string, string, number, string[]]>([
    [
      'runnable to the front',
      'c',
      0,
      ['linux/s390x', 'linux/amd64', 'linux/arm64', 'att->s390x', 'att->amd64'],
    ],
    [
      'runnable past the end (clamped before attestations)',
      'a',
      99,
      ['linux/arm64', 'linux/s390x', 'linux/amd64', 'att->s390x', 'att->amd64'],
    ],
    [
      'runnable to a negative index',
      'b',
      -3,
      ['linux/arm64', 'linux/amd64', 'linux/s390x', 'att->amd64', 'att->s390x'],
    ],
    [
      'runnable to the same place',
      'b',
      1,
      ['linux/amd64', 'linux/arm64', 'linux/s390x', 'att->amd64', 'att->s390x'],
    ],
    [
      'attestation to the front (clamped after runnables)',
      'c-att',
      0,
      ['linux/amd64', 'linux/arm64', 'linux/s390x', 'att->s390x', 'att->amd64'],
    ],
    [
      'attestation to the end',
      'a-att',
      4,
      ['linux/amd64', 'linux/arm64', 'linux/s390x', 'att->s390x', 'att->amd64'],
    ],
  ])('%s', (_name, name, to, expected) => {
    expect(platforms(moveEntry(start, D(name), to))).toEqual(expected);
  });

  it('moves the real postgres entries and keeps each attestation after the runnable entries', () => {
    const d = postgres();
    const s390x = d.entries.find((e) => e.descriptor.platform?.architecture === 's390x')!;
    const out = moveEntry(d, s390x.descriptor.digest, 0);
    expect(platforms(out)).toEqual([
      'linux/s390x',
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/386',
      'linux/ppc64le',
      'linux/riscv64',
      'att->s390x',
      'att->amd64',
      'att->arm',
      'att->arm',
      'att->arm64',
      'att->386',
      'att->ppc64le',
      'att->riscv64',
    ]);
  });
});

describe('annotateEntry / setIndexAnnotations', () => {
  const a = image('a', linux('arm64', 'v8'), { annotations: { keep: '1', drop: '2' } });
  const start = draft([a]);

  it.each<[string, Parameters<typeof annotateEntry>[2], Partial<Descriptor>]>([
    ['sets the variant', { platform: { variant: 'v9' } }, { platform: linux('arm64', 'v9') }],
    [
      'removes the variant with undefined',
      { platform: { variant: undefined } },
      { platform: linux('arm64') },
    ],
    [
      'removes the variant with an empty string',
      { platform: { variant: '' } },
      { platform: linux('arm64') },
    ],
    [
      'sets os.version and os.features',
      { platform: { os: 'windows', 'os.version': '10.0.20348.2227', 'os.features': ['win32k'] } },
      {
        platform: {
          os: 'windows',
          architecture: 'arm64',
          variant: 'v8',
          'os.version': '10.0.20348.2227',
          'os.features': ['win32k'],
        },
      },
    ],
    [
      'keeps os as an empty string when cleared',
      { platform: { os: undefined } },
      { platform: { os: '', architecture: 'arm64', variant: 'v8' } },
    ],
    ['removes the platform with null', { platform: null }, { platform: undefined }],
    [
      'sets and removes annotations',
      { annotations: { drop: null, added: 'x' } },
      { annotations: { keep: '1', added: 'x' } },
    ],
    [
      'removes the annotations field when none are left',
      { annotations: { keep: null, drop: null } },
      { annotations: undefined },
    ],
  ])('%s', (_name, patch, expected) => {
    const out = annotateEntry(start, a.descriptor.digest, patch);
    expect(out.entries[0]?.descriptor).toEqual(
      Object.fromEntries(
        Object.entries({ ...a.descriptor, ...expected }).filter(([, v]) => v !== undefined),
      ),
    );
    expect(start.entries[0]?.descriptor).toEqual(a.descriptor);
  });

  it('gives a platform to an entry that had none', () => {
    const bare = image('bare');
    const out = annotateEntry(draft([bare]), bare.descriptor.digest, {
      platform: { os: 'linux', architecture: 'riscv64' },
    });
    expect(out.entries[0]?.descriptor.platform).toEqual(linux('riscv64'));
    expect(validateDraft(out)).toEqual([]);
  });

  it('patches index annotations', () => {
    const d = setIndexAnnotations(start, {
      'org.opencontainers.image.source': 'https://github.com/x/y',
    });
    expect(d.annotations).toEqual({ 'org.opencontainers.image.source': 'https://github.com/x/y' });
    expect(
      setIndexAnnotations(d, { 'org.opencontainers.image.source': null }).annotations,
    ).toBeUndefined();
    expect(start.annotations).toBeUndefined();
  });
});

describe('serializeIndex', () => {
  it('writes canonical JSON with a fixed key order', () => {
    const d = draft(
      [
        {
          descriptor: {
            annotations: { 'z.last': '1', 'a.first': '2' },
            platform: {
              variant: 'v7',
              os: 'linux',
              architecture: 'arm',
              'os.features': [],
              features: ['x'],
            },
            size: 1234,
            digest: D('arm'),
            mediaType: MediaType.OciManifest,
            artifactType: 'application/x',
          },
        },
      ],
      {
        annotations: { b: '2', a: '1' },
        subject: { size: 2, digest: D('subject'), mediaType: MediaType.OciManifest },
        artifactType: 'application/vnd.example',
      },
    );
    const out = serializeIndex(d);
    const text = new TextDecoder().decode(out.bytes);
    expect(text).toBe(`{
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.index.v1+json",
  "artifactType": "application/vnd.example",
  "manifests": [
    {
      "mediaType": "application/vnd.oci.image.manifest.v1+json",
      "digest": "${D('arm')}",
      "size": 1234,
      "platform": {
        "architecture": "arm",
        "os": "linux",
        "variant": "v7",
        "features": [
          "x"
        ]
      },
      "annotations": {
        "a.first": "2",
        "z.last": "1"
      },
      "artifactType": "application/x"
    }
  ],
  "subject": {
    "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "digest": "${D('subject')}",
    "size": 2
  },
  "annotations": {
    "a": "1",
    "b": "2"
  }
}`);
    expect(out).toMatchObject({
      mediaType: MediaType.OciIndex,
      digest: sha256Digest(out.bytes),
      size: out.bytes.byteLength,
    });
  });

  it('drops index annotations, artifactType and subject in the Docker format', () => {
    const d = {
      ...dotnet(),
      annotations: { a: '1' },
      artifactType: 'x',
      subject: { mediaType: 'y', digest: D('s'), size: 1 },
    };
    const out = serializeIndex(d);
    const json = JSON.parse(new TextDecoder().decode(out.bytes)) as Record<string, unknown>;
    expect(out.mediaType).toBe(MediaType.DockerManifestList);
    expect(Object.keys(json)).toEqual(['schemaVersion', 'mediaType', 'manifests']);
  });

  it.each([
    ['postgres-17.11.oci-index.json', MediaType.OciIndex],
    ['dotnet-runtime-5.0.docker-list.json', MediaType.DockerManifestList],
    ['oci-index-kitchen-sink.json', MediaType.OciIndex],
  ])('round-trips %s through parseManifest and draftFromIndex byte for byte', (file, mediaType) => {
    const first = serializeIndex(draftFromIndex(loadIndex(file)));
    const reparsed = parseManifest(first.bytes, {
      contentType: first.mediaType,
      expectedDigest: first.digest,
    });
    if (reparsed.kind !== 'index') throw new Error('expected an index');
    const second = serializeIndex(draftFromIndex(reparsed));
    expect(first.mediaType).toBe(mediaType);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(second.digest).toBe(first.digest);
    expect(reparsed.manifests).toEqual(loadIndex(file).manifests);
  });

  it('keeps fields it does not know, after the known ones', () => {
    const out = serializeIndex(draftFromIndex(loadIndex('oci-index-kitchen-sink.json')));
    const json = JSON.parse(new TextDecoder().decode(out.bytes)) as {
      manifests: Array<Record<string, unknown>>;
    };
    expect(Object.keys(json.manifests[3] ?? {})).toEqual([
      'mediaType',
      'digest',
      'size',
      'artifactType',
      'x-vendor-extension',
    ]);
    expect(json.manifests[3]?.['x-vendor-extension']).toEqual({ kept: true });
    expect(Object.keys(json.manifests[4] ?? {})).toEqual([
      'mediaType',
      'digest',
      'size',
      'platform',
      'urls',
    ]);
  });

  it('changes the digest when an entry changes', () => {
    const d = postgres();
    const edited = annotateEntry(d, d.entries[0]!.descriptor.digest, {
      annotations: { 'com.example': 'x' },
    });
    expect(serializeIndex(edited).digest).not.toBe(serializeIndex(d).digest);
  });
});
