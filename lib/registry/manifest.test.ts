import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { sha256Digest } from './hash';
import { MAX_CONFIG_BYTES, parseImageConfig } from './image-config';
import {
  MAX_MANIFEST_BYTES,
  classifyManifest,
  parseManifest,
  type ParsedManifest,
} from './manifest';
import { attestationTarget, isAttestation } from './descriptor';
import { MediaType } from './media-types';

const testdata = (...parts: string[]) =>
  readFileSync(path.join(import.meta.dirname, 'testdata', ...parts));
const manifestBytes = (name: string) => new Uint8Array(testdata('manifests', name));
const configBytes = (name: string) => new Uint8Array(testdata('configs', name));
const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

/** sha256 of postgres:17.11 on Docker Hub, as pinned by projects that use it. */
const POSTGRES_INDEX_DIGEST =
  'sha256:f4c66b820c6f974249089d3d16d86a3698eae11e8746eb6644b2271031e91232';
const D = (s: string) => sha256Digest(s);

function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof Error) return err;
  }
  throw new Error('expected a throw');
}

describe('parseManifest on real-world manifests', () => {
  it.each<{
    file: string;
    contentType?: string;
    mediaType: string;
    kind: ParsedManifest['kind'];
    classify: ReturnType<typeof classifyManifest>;
    children: number;
  }>([
    {
      file: 'postgres-17.11.oci-index.json',
      contentType: MediaType.OciIndex,
      mediaType: MediaType.OciIndex,
      kind: 'index',
      classify: 'oci-index',
      children: 16,
    },
    {
      file: 'dotnet-runtime-5.0.docker-list.json',
      contentType: MediaType.DockerManifestList,
      mediaType: MediaType.DockerManifestList,
      kind: 'index',
      classify: 'docker-list',
      children: 7,
    },
    {
      file: 'oci-index-spec-example.json',
      mediaType: MediaType.OciIndex,
      kind: 'index',
      classify: 'oci-index',
      children: 2,
    },
    {
      file: 'oci-index-kitchen-sink.json',
      contentType: `${MediaType.OciIndex}; charset=utf-8`,
      mediaType: MediaType.OciIndex,
      kind: 'index',
      classify: 'oci-index',
      children: 6,
    },
    {
      file: 'oci-image-manifest.json',
      contentType: MediaType.OciManifest,
      mediaType: MediaType.OciManifest,
      kind: 'image',
      classify: 'image',
      children: 3,
    },
    {
      file: 'docker-v2-manifest.json',
      contentType: MediaType.DockerManifest,
      mediaType: MediaType.DockerManifest,
      kind: 'image',
      classify: 'image',
      children: 3,
    },
    {
      file: 'buildkit-attestation-manifest.json',
      contentType: MediaType.OciManifest,
      mediaType: MediaType.OciManifest,
      kind: 'image',
      classify: 'artifact',
      children: 2,
    },
    {
      file: 'helm-chart-manifest.json',
      contentType: MediaType.OciManifest,
      mediaType: MediaType.OciManifest,
      kind: 'image',
      classify: 'artifact',
      children: 1,
    },
    {
      file: 'helm-chart-manifest.json',
      contentType: 'application/octet-stream',
      mediaType: MediaType.OciManifest,
      kind: 'image',
      classify: 'artifact',
      children: 1,
    },
    {
      file: 'notation-signature-manifest.json',
      contentType: MediaType.OciManifest,
      mediaType: MediaType.OciManifest,
      kind: 'image',
      classify: 'artifact',
      children: 1,
    },
  ])('$file ($contentType)', ({ file, contentType, mediaType, kind, classify, children }) => {
    const raw = manifestBytes(file);
    const digest = sha256Digest(raw);
    const parsed = parseManifest(raw, {
      contentType,
      expectedDigest: digest,
      headerDigest: digest,
      expectedSize: raw.byteLength,
    });
    expect(parsed.kind).toBe(kind);
    expect(parsed.mediaType).toBe(mediaType);
    expect(parsed.digest).toBe(digest);
    expect(parsed.size).toBe(raw.byteLength);
    expect(parsed.raw).toBe(raw);
    expect(classifyManifest(parsed)).toBe(classify);
    expect(parsed.kind === 'index' ? parsed.manifests.length : parsed.layers.length).toBe(children);
  });

  it('keeps the exact bytes of postgres:17.11 and matches its published digest', () => {
    const raw = manifestBytes('postgres-17.11.oci-index.json');
    const parsed = parseManifest(raw, {
      expectedDigest: POSTGRES_INDEX_DIGEST,
      headerDigest: POSTGRES_INDEX_DIGEST,
    });
    expect(parsed.digest).toBe(POSTGRES_INDEX_DIGEST);
    // Re-serialising changes the bytes (escaped slashes, key order), hence the digest.
    expect(sha256Digest(JSON.stringify(parsed.json))).not.toBe(POSTGRES_INDEX_DIGEST);
    if (parsed.kind !== 'index') throw new Error('expected an index');
    const attestations = parsed.manifests.filter((m) => isAttestation(m));
    expect(attestations).toHaveLength(8);
    const runnable = parsed.manifests.filter((m) => !isAttestation(m));
    expect(attestations.map((a) => attestationTarget(a))).toEqual(runnable.map((r) => r.digest));
    expect(runnable[3]?.platform).toEqual({ architecture: 'arm64', os: 'linux', variant: 'v8' });
  });

  it('reads os.version of Windows entries in a Docker list', () => {
    const parsed = parseManifest(manifestBytes('dotnet-runtime-5.0.docker-list.json'), {});
    if (parsed.kind !== 'index') throw new Error('expected an index');
    expect(parsed.manifests.map((m) => m.platform?.['os.version']).filter(Boolean)).toEqual([
      '10.0.17763.1697',
      '10.0.18363.1316',
      '10.0.19041.746',
      '10.0.19042.746',
    ]);
  });

  it('keeps nested indexes, unknown child types, urls, data and unknown fields', () => {
    const parsed = parseManifest(manifestBytes('oci-index-kitchen-sink.json'), {});
    if (parsed.kind !== 'index') throw new Error('expected an index');
    expect(parsed.artifactType).toBe('application/vnd.example.bundle.v1');
    expect(parsed.subject).toEqual({
      mediaType: MediaType.OciManifest,
      digest: D('subject'),
      size: 512,
    });
    expect(parsed.annotations).toEqual({ 'org.opencontainers.image.description': 'kitchen sink' });
    expect(parsed.json['x-top-level-extension']).toBe('kept');
    const [, windows, nested, future, foreign, empty] = parsed.manifests;
    expect(windows?.platform).toEqual({
      architecture: 'amd64',
      os: 'windows',
      'os.version': '10.0.20348.2227',
      'os.features': ['win32k'],
    });
    expect(nested).toEqual({ mediaType: MediaType.OciIndex, digest: D('nested'), size: 744 });
    expect(future).toMatchObject({
      mediaType: 'application/vnd.example.future.manifest.v2+json',
      artifactType: 'application/vnd.example.thing',
      'x-vendor-extension': { kept: true },
    });
    expect(foreign?.urls).toEqual(['https://example.com/example-manifest']);
    expect(foreign?.platform?.features).toEqual(['sve']);
    expect(empty?.data).toBe('e30=');
  });

  it('exposes config, layers, subject and annotations of image manifests', () => {
    const parsed = parseManifest(manifestBytes('notation-signature-manifest.json'), {});
    if (parsed.kind !== 'image') throw new Error('expected an image');
    expect(parsed.artifactType).toBe('application/vnd.cncf.notary.signature');
    expect(parsed.config).toMatchObject({ mediaType: MediaType.OciEmpty, size: 2, data: 'e30=' });
    expect(parsed.subject?.mediaType).toBe(MediaType.OciIndex);
    expect(parsed.annotations?.['org.opencontainers.image.created']).toBe('2024-05-02T08:15:42Z');
  });

  it.each([
    [
      'infers an OCI index from "manifests"',
      { schemaVersion: 2, manifests: [] },
      MediaType.OciIndex,
    ],
    [
      'infers an OCI manifest from "config" and "layers"',
      {
        schemaVersion: 2,
        config: { mediaType: MediaType.OciEmpty, digest: D('{}'), size: 2 },
        layers: [],
      },
      MediaType.OciManifest,
    ],
  ])('%s without mediaType or Content-Type', (_name, body, mediaType) => {
    expect(parseManifest(bytes(body), {}).mediaType).toBe(mediaType);
    expect(parseManifest(bytes(body), { contentType: 'application/json' }).mediaType).toBe(
      mediaType,
    );
  });

  it('uses a known Content-Type when the body has no mediaType', () => {
    const body = { schemaVersion: 2, manifests: [] };
    expect(
      parseManifest(bytes(body), { contentType: MediaType.DockerManifestList }).mediaType,
    ).toBe(MediaType.DockerManifestList);
  });

  it('accepts a body mediaType with a generic Content-Type', () => {
    const body = { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
    expect(parseManifest(bytes(body), { contentType: 'application/json' }).mediaType).toBe(
      MediaType.OciIndex,
    );
  });

  it('hashes with the algorithm of the expected digest', () => {
    const raw = manifestBytes('oci-index-spec-example.json');
    const sha512 = `sha512:${createHash('sha512').update(raw).digest('hex')}`;
    const parsed = parseManifest(raw, { expectedDigest: sha512, headerDigest: sha256Digest(raw) });
    expect(parsed.digest).toBe(sha512);
  });

  it('accepts exactly MAX_MANIFEST_BYTES', () => {
    const base = JSON.stringify({ schemaVersion: 2, manifests: [], annotations: { pad: '' } });
    const padded = base.replace(
      '"pad":""',
      `"pad":"${'x'.repeat(MAX_MANIFEST_BYTES - base.length)}"`,
    );
    expect(padded.length).toBe(MAX_MANIFEST_BYTES);
    expect(parseManifest(bytes(padded), {}).size).toBe(MAX_MANIFEST_BYTES);
  });

  it('ignores a malformed Docker-Content-Digest header', () => {
    const raw = manifestBytes('oci-index-spec-example.json');
    expect(parseManifest(raw, { headerDigest: 'not-a-digest' }).digest).toBe(sha256Digest(raw));
  });
});

describe('parseManifest errors', () => {
  const index = manifestBytes('oci-index-spec-example.json');
  const good = JSON.parse(new TextDecoder().decode(index)) as {
    manifests: Array<Record<string, unknown> & { platform: Record<string, unknown> }>;
  } & Record<string, unknown>;
  const withChild = (patch: Record<string, unknown>) => ({
    ...good,
    manifests: [{ ...good.manifests[0], ...patch }],
  });

  it.each<[string, Uint8Array, Parameters<typeof parseManifest>[1], string, string]>([
    ['too large', new Uint8Array(MAX_MANIFEST_BYTES + 1), {}, 'TOO_LARGE', '4 MiB'],
    [
      'size mismatch',
      index,
      { expectedSize: index.byteLength + 1 },
      'SIZE_MISMATCH',
      `${index.byteLength} bytes`,
    ],
    [
      'requested digest mismatch',
      index,
      { expectedDigest: D('other') },
      'DIGEST_MISMATCH',
      D('other'),
    ],
    [
      'header digest mismatch',
      index,
      { headerDigest: D('other') },
      'DIGEST_MISMATCH',
      'Docker-Content-Digest',
    ],
    ['invalid JSON', bytes('{"schemaVersion": 2,'), {}, 'MANIFEST_INVALID', 'not valid JSON'],
    ['JSON array', bytes('[]'), {}, 'MANIFEST_INVALID', 'not a JSON object'],
    ['JSON string', bytes('"manifest"'), {}, 'MANIFEST_INVALID', 'not a JSON object'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), {}, 'MANIFEST_INVALID', 'UTF-8'],
    ['nothing to infer from', bytes({ schemaVersion: 2 }), {}, 'MANIFEST_INVALID', 'Cannot tell'],
    [
      'schema1 by Content-Type',
      manifestBytes('schema1-signed.json'),
      { contentType: MediaType.DockerSchema1Signed },
      'SCHEMA1_UNSUPPORTED',
      MediaType.DockerSchema1Signed,
    ],
    [
      'schema1 by schemaVersion',
      manifestBytes('schema1-signed.json'),
      {},
      'SCHEMA1_UNSUPPORTED',
      'Re-push',
    ],
    [
      'schema1 by body mediaType',
      bytes({ schemaVersion: 1, mediaType: MediaType.DockerSchema1 }),
      {},
      'SCHEMA1_UNSUPPORTED',
      MediaType.DockerSchema1,
    ],
    [
      'body and Content-Type disagree',
      index,
      { contentType: MediaType.DockerManifestList },
      'MANIFEST_INVALID',
      `${MediaType.OciIndex}, but the registry sent it as ${MediaType.DockerManifestList}`,
    ],
    [
      'removed OCI artifact manifest',
      bytes({
        mediaType: 'application/vnd.oci.artifact.manifest.v1+json',
        artifactType: 'x',
        blobs: [],
      }),
      {},
      'UNSUPPORTED_MEDIA_TYPE',
      'application/vnd.oci.artifact.manifest.v1+json',
    ],
    [
      'unknown Content-Type and nothing to infer',
      bytes({ blobs: [] }),
      { contentType: 'application/vnd.oci.artifact.manifest.v1+json' },
      'UNSUPPORTED_MEDIA_TYPE',
      'application/vnd.oci.artifact.manifest.v1+json',
    ],
    [
      'schemaVersion 3',
      bytes({ ...good, schemaVersion: 3 }),
      {},
      'MANIFEST_INVALID',
      'at $.schemaVersion',
    ],
    [
      'manifests not an array',
      bytes({ ...good, manifests: {} }),
      {},
      'MANIFEST_INVALID',
      'at $.manifests',
    ],
    [
      'child digest invalid',
      bytes({
        ...good,
        manifests: [good.manifests[0], { ...good.manifests[1], digest: 'sha256:abc' }],
      }),
      {},
      'MANIFEST_INVALID',
      'OCI image index at $.manifests[1].digest',
    ],
    [
      'child digest uppercase',
      bytes(withChild({ digest: D('x').toUpperCase().replace('SHA256', 'sha256') })),
      {},
      'MANIFEST_INVALID',
      'at $.manifests[0].digest',
    ],
    [
      'child size negative',
      bytes(withChild({ size: -1 })),
      {},
      'MANIFEST_INVALID',
      'at $.manifests[0].size',
    ],
    [
      'child size fractional',
      bytes(withChild({ size: 1.5 })),
      {},
      'MANIFEST_INVALID',
      'at $.manifests[0].size',
    ],
    [
      'child without mediaType',
      bytes(withChild({ mediaType: undefined })),
      {},
      'MANIFEST_INVALID',
      'at $.manifests[0].mediaType',
    ],
    [
      'platform without os',
      bytes(withChild({ platform: { architecture: 'amd64' } })),
      {},
      'MANIFEST_INVALID',
      'at $.manifests[0].platform.os',
    ],
    [
      'annotation value not a string',
      bytes({ ...good, annotations: { 'com.example.key1': 1 } }),
      {},
      'MANIFEST_INVALID',
      'at $.annotations["com.example.key1"]',
    ],
    [
      'image manifest without layers',
      bytes({ schemaVersion: 2, mediaType: MediaType.OciManifest, config: good.manifests[0] }),
      {},
      'MANIFEST_INVALID',
      'OCI image manifest at $.layers',
    ],
    [
      'Docker list missing manifests',
      bytes({ schemaVersion: 2, mediaType: MediaType.DockerManifestList }),
      {},
      'MANIFEST_INVALID',
      'Docker manifest list at $.manifests',
    ],
  ])('%s', (_name, raw, opts, code, message) => {
    const err = thrown(() => parseManifest(raw, opts));
    expect(err.code).toBe(code);
    expect(err.message).toContain(message);
  });
});

describe('isAttestation / attestationTarget', () => {
  const target = D('target');
  it.each<[Record<string, string> | undefined, boolean, string | undefined]>([
    [undefined, false, undefined],
    [{}, false, undefined],
    [
      {
        'vnd.docker.reference.type': 'attestation-manifest',
        'vnd.docker.reference.digest': target,
      },
      true,
      target,
    ],
    [{ 'vnd.docker.reference.type': 'attestation-manifest' }, true, undefined],
    [{ 'vnd.docker.reference.digest': target }, false, undefined],
    [
      { 'vnd.docker.reference.type': 'something-else', 'vnd.docker.reference.digest': target },
      false,
      undefined,
    ],
  ])('%o -> %s, %s', (annotations, attestation, expectedTarget) => {
    const desc = {
      mediaType: MediaType.OciManifest,
      digest: D('a'),
      size: 1,
      ...(annotations ? { annotations } : {}),
    };
    expect(isAttestation(desc)).toBe(attestation);
    expect(attestationTarget(desc)).toBe(expectedTarget);
  });
});

describe('parseImageConfig', () => {
  it('reads a BuildKit-era config (alpine:3.19)', () => {
    const raw = configBytes('alpine-3.19-amd64.json');
    const config = parseImageConfig(raw, sha256Digest(raw));
    expect(config).toMatchObject({
      architecture: 'amd64',
      os: 'linux',
      created: '2024-01-27T00:30:48.743965523Z',
      config: {
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
        Cmd: ['/bin/sh'],
        WorkingDir: '/',
        ArgsEscaped: true,
      },
      rootfs: { type: 'layers', diff_ids: [expect.stringMatching(/^sha256:/) as string] },
    });
    expect(config.history?.[1]).toMatchObject({ empty_layer: true });
    expect(config.config?.Entrypoint).toBeUndefined();
  });

  it('reads a legacy docker build config with nulls and container_config', () => {
    const config = parseImageConfig(configBytes('legacy-docker-build.json'));
    expect(config.config).toMatchObject({ Cmd: ['/hello'], User: '', WorkingDir: '' });
    expect(config.config?.Entrypoint).toBeUndefined();
    expect(config.config?.Volumes).toBeUndefined();
    expect(config.config?.Labels).toBeUndefined();
    expect(config.docker_version).toBe('20.10.23');
    expect(config.container_config).toBeDefined();
  });

  it('reads the image-spec config.md example', () => {
    const config = parseImageConfig(configBytes('oci-config-spec-example.json'));
    expect(config.author).toBe('Alyssa P. Hacker <alyspdev@example.com>');
    expect(config.config).toMatchObject({
      User: 'alice',
      ExposedPorts: { '8080/tcp': {} },
      Entrypoint: ['/bin/my-app-binary'],
      Volumes: { '/var/job-result-data': {}, '/var/log/my-app-logs': {} },
      StopSignal: 'SIGTERM',
      Labels: { 'com.example.project.git.url': 'https://example.com/project.git' },
    });
    expect(config.history).toHaveLength(3);
  });

  it('tolerates missing, null and wrongly typed fields', () => {
    expect(parseImageConfig(bytes({}))).toEqual({});
    const config = parseImageConfig(
      bytes({
        os: 'windows',
        'os.version': '10.0.20348.2227',
        architecture: 42,
        config: { Env: 'PATH=/bin', Cmd: null, Labels: { a: 1 }, User: 'ContainerUser' },
        history: null,
        rootfs: 'layers',
      }),
    );
    expect(config).toMatchObject({
      os: 'windows',
      'os.version': '10.0.20348.2227',
      config: { User: 'ContainerUser' },
    });
    expect(config.architecture).toBeUndefined();
    expect(config.config?.Env).toBeUndefined();
    expect(config.config?.Labels).toBeUndefined();
    expect(config.history).toBeUndefined();
    expect(config.rootfs).toBeUndefined();
  });

  it.each<[string, Uint8Array, string | undefined, string]>([
    ['digest mismatch', configBytes('alpine-3.19-amd64.json'), D('other'), 'DIGEST_MISMATCH'],
    ['too large', new Uint8Array(MAX_CONFIG_BYTES + 1), undefined, 'TOO_LARGE'],
    ['not JSON', bytes('<html>'), undefined, 'INVALID_RESPONSE'],
    ['not an object', bytes('null'), undefined, 'INVALID_RESPONSE'],
  ])('%s -> %s', (_name, raw, digest, code) => {
    expect(thrown(() => parseImageConfig(raw, digest)).code).toBe(code);
  });
});
