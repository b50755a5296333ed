import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sha256Digest, MANIFEST_ACCEPT, MediaType } from '@/lib/registry';
import { seedDemo } from '@/scripts/seed-lib';
import { countRequests } from '@/test/support/access-log';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';

const run = promisify(execFile);

const EXPECTED_REFS = [
  'demo/single:1.0',
  'demo/artifact:v1',
  'demo/windows:ltsc2022',
  'demo/buildkit:latest',
  'demo/shazam-oci:amd64',
  'demo/shazam-oci:arm64',
  'demo/shazam-oci:s390x',
  'demo/shazam-oci:latest',
  'demo/nested:latest',
  'demo/broken:latest',
  'demo/shazam:amd64',
  'demo/shazam:arm64',
  'demo/shazam:ppc64le',
  'demo/shazam:s390x',
  'demo/shazam:armv7',
  'demo/shazam:latest',
];

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { architecture: string; os: string; variant?: string; 'os.version'?: string };
  annotations?: Record<string, string>;
}
interface Manifest {
  mediaType?: string;
  artifactType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
  annotations?: Record<string, string>;
}

let plain: StartedRegistry;
let basic: StartedRegistry;
let first: Record<string, string>;
let second: Record<string, string>;
let tmp: string;

async function getManifest(
  ref: string,
  accept = MANIFEST_ACCEPT,
): Promise<{ status: number; digest: string; type: string | null; json: Manifest }> {
  const [repo, reference] = ref.includes('@')
    ? ref.split('@')
    : [ref.slice(0, ref.lastIndexOf(':')), ref.slice(ref.lastIndexOf(':') + 1)];
  const res = await fetch(`${plain.url}/v2/${repo}/manifests/${reference}`, {
    headers: { Accept: accept },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    digest: sha256Digest(bytes),
    type: res.headers.get('content-type'),
    json: res.status === 200 ? (JSON.parse(bytes.toString('utf8')) as Manifest) : {},
  };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'manifold-seed-test-'));
  [plain, basic] = await Promise.all([
    startRegistry({ variant: 'plain' }),
    startRegistry({ variant: 'basic' }),
  ]);
  first = await seedDemo({ url: plain.url });
  await plain.clearAccessLog();
  second = await seedDemo({ url: plain.url });
});

afterAll(async () => {
  await Promise.all([plain?.stop(), basic?.stop()]);
  await rm(tmp, { recursive: true, force: true });
});

describe('seedDemo', () => {
  it('writes every demo tag and gives identical digests when run twice', () => {
    expect(Object.keys(first)).toEqual(EXPECTED_REFS);
    expect(second).toEqual(first);
    for (const digest of Object.values(first)) expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  });

  it('skips existing blobs on the second run', async () => {
    const log = await plain.accessLog();
    expect(countRequests(log, { kind: 'upload' })).toBe(0);
    expect(countRequests(log, { kind: 'blob', method: 'HEAD', status: 200 })).toBeGreaterThan(0);
    expect(countRequests(log, { kind: 'manifest', method: 'PUT', status: 201 })).toBeGreaterThan(0);
  });

  it('stores manifests whose bytes hash to the returned digests', async () => {
    for (const ref of EXPECTED_REFS) {
      const got = await getManifest(ref);
      expect(got.status, ref).toBe(200);
      expect(got.digest, ref).toBe(first[ref]);
    }
  });

  it('makes demo/shazam:latest a Docker manifest list of five platforms', async () => {
    const list = await getManifest('demo/shazam:latest');
    expect(list.type).toBe(MediaType.DockerManifestList);
    const platforms = (list.json.manifests ?? []).map((m) => m.platform);
    expect(platforms).toEqual([
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'arm64', os: 'linux', variant: 'v8' },
      { architecture: 'ppc64le', os: 'linux' },
      { architecture: 's390x', os: 'linux' },
      { architecture: 'arm', os: 'linux', variant: 'v7' },
    ]);
    const children = (list.json.manifests ?? []).map((m) => m.digest);
    expect(children).toEqual(
      ['amd64', 'arm64', 'ppc64le', 's390x', 'armv7'].map((t) => first[`demo/shazam:${t}`]),
    );
    // All children share the base layer and differ in their second layer.
    const images = await Promise.all(children.map((d) => getManifest(`demo/shazam@${d}`)));
    const baseLayers = new Set(images.map((i) => i.json.layers?.[0]?.digest));
    const archLayers = new Set(images.map((i) => i.json.layers?.[1]?.digest));
    expect(baseLayers.size).toBe(1);
    expect(archLayers.size).toBe(5);
  });

  it('gives skopeo the same bytes and lets it copy every platform', async () => {
    const ref = `docker://${plain.host}/demo/shazam:latest`;
    const raw = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', ref], {
      encoding: 'buffer',
    });
    expect(sha256Digest(raw.stdout)).toBe(first['demo/shazam:latest']);
    const dest = path.join(tmp, 'shazam');
    await run('skopeo', ['copy', '--all', '--src-tls-verify=false', ref, `dir:${dest}`]);
    expect(sha256Digest(await readFile(path.join(dest, 'manifest.json')))).toBe(
      first['demo/shazam:latest'],
    );
    // list + 5 manifests + 5 configs + 1 shared base layer + 5 arch layers (+ version file)
    const files = (await readdir(dest)).filter((f) => f !== 'version');
    expect(files.length).toBe(1 + 5 + 5 + 1 + 5);
  });

  it('builds the OCI, BuildKit, Windows, artifact, nested and broken shapes', async () => {
    const oci = await getManifest('demo/shazam-oci:latest');
    expect(oci.type).toBe(MediaType.OciIndex);
    expect(oci.json.annotations?.['org.opencontainers.image.title']).toBe('shazam');
    expect(oci.json.manifests?.map((m) => m.mediaType)).toEqual(
      Array(3).fill(MediaType.OciManifest),
    );
    expect(oci.json.manifests?.map((m) => m.digest)).toEqual(
      ['amd64', 'arm64', 's390x'].map((t) => first[`demo/shazam-oci:${t}`]),
    );

    const bk = await getManifest('demo/buildkit:latest');
    const [img1, img2, att1, att2] = bk.json.manifests ?? [];
    expect(att1?.platform).toEqual({ architecture: 'unknown', os: 'unknown' });
    expect(att1?.annotations).toEqual({
      'vnd.docker.reference.digest': img1?.digest,
      'vnd.docker.reference.type': 'attestation-manifest',
    });
    expect(att2?.annotations?.['vnd.docker.reference.digest']).toBe(img2?.digest);
    const attManifest = await getManifest(`demo/buildkit@${att1?.digest ?? ''}`);
    expect(attManifest.json.config?.mediaType).toBe(MediaType.OciConfig);
    expect(attManifest.json.layers?.[0]?.mediaType).toBe('application/vnd.in-toto+json');

    const win = await getManifest('demo/windows:ltsc2022');
    expect(win.type).toBe(MediaType.DockerManifestList);
    expect(win.json.manifests?.map((m) => m.platform)).toEqual([
      { architecture: 'amd64', os: 'windows', 'os.version': '10.0.20348.2227' },
      { architecture: 'amd64', os: 'linux' },
    ]);

    const single = await getManifest('demo/single:1.0');
    expect(single.type).toBe(MediaType.OciManifest);

    const artifact = await getManifest('demo/artifact:v1');
    expect(artifact.json.artifactType).toBe('application/vnd.example.sbom.v1+json');
    expect(artifact.json.config).toEqual({
      mediaType: MediaType.OciEmpty,
      digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      size: 2,
    });

    const nested = await getManifest('demo/nested:latest');
    expect(nested.json.manifests?.map((m) => m.mediaType)).toEqual([
      MediaType.OciIndex,
      MediaType.OciManifest,
    ]);
    expect(nested.json.manifests?.[0]?.digest).toBe(first['demo/shazam-oci:latest']);
    expect((await getManifest(`demo/nested@${first['demo/shazam-oci:latest'] ?? ''}`)).status).toBe(
      200,
    );

    const broken = await getManifest('demo/broken:latest');
    const [kept, missing] = broken.json.manifests ?? [];
    expect((await getManifest(`demo/broken@${kept?.digest ?? ''}`)).status).toBe(200);
    expect((await getManifest(`demo/broken@${missing?.digest ?? ''}`)).status).toBe(404);
  });

  it('seeds a basic-auth registry with the same digests', async () => {
    const seeded = await seedDemo({
      url: basic.url,
      username: basic.username,
      password: basic.password,
    });
    expect(seeded).toEqual(first);
    await expect(seedDemo({ url: basic.url })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
