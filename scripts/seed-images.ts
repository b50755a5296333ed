/**
 * The demo images as pure data (see seed-builders.ts): what the seed writes into each
 * repository, in order.
 */
import { MediaType } from '../lib/registry';
import {
  DEMO_CREATED,
  DEMO_SOURCE,
  dockerList,
  descriptor,
  image,
  manifestNode,
  ociIndex,
  platformString,
  toBlob,
  type ManifestNode,
  type Platform,
} from './seed-builders';
import { buildLayer } from './seed-tar';

export { DEMO_CREATED } from './seed-builders';
export type { Blob, ManifestNode, Platform } from './seed-builders';

const IN_TOTO = 'application/vnd.in-toto+json';
const SBOM_TYPE = 'application/vnd.example.sbom.v1+json';

/** What the seed writes into one repository. */
export interface DemoRepository {
  repository: string;
  /** Written in this order; the last tag is the last write to the repository. */
  tags: { tag: string; manifest: ManifestNode }[];
  /** Manifests deleted by digest once the tags are written (demo/broken). */
  deleteAfter: ManifestNode[];
}

const SHAZAM_PLATFORMS: { tag: string; platform: Platform }[] = [
  { tag: 'amd64', platform: { architecture: 'amd64', os: 'linux' } },
  { tag: 'arm64', platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } },
  { tag: 'ppc64le', platform: { architecture: 'ppc64le', os: 'linux' } },
  { tag: 's390x', platform: { architecture: 's390x', os: 'linux' } },
  { tag: 'armv7', platform: { architecture: 'arm', os: 'linux', variant: 'v7' } },
];

function shazam(format: 'docker' | 'oci', tag: string): ManifestNode {
  const entry = SHAZAM_PLATFORMS.find((p) => p.tag === tag);
  if (!entry) throw new Error(`no shazam platform ${tag}`);
  return image({
    format,
    app: 'shazam',
    title: 'shazam',
    platform: entry.platform,
    archName: tag,
    // arm64 carries one more label, so comparing platforms shows a difference beyond the arch.
    labels: tag === 'arm64' ? { 'com.example.shazam.simd': 'neon' } : {},
  });
}

function indexAnnotations(title: string, description: string): Record<string, string> {
  return {
    'org.opencontainers.image.created': DEMO_CREATED,
    'org.opencontainers.image.title': title,
    'org.opencontainers.image.description': description,
    'org.opencontainers.image.version': '1.0.0',
    'org.opencontainers.image.revision': '3f2c1a7e9b8d4c6f5a1e2d3c4b5a69788796a5b4',
    'org.opencontainers.image.source': DEMO_SOURCE,
    'org.opencontainers.image.licenses': 'Apache-2.0',
    'org.opencontainers.image.vendor': 'Manifold demo',
  };
}

function shazamOci(): { index: ManifestNode; children: { tag: string; node: ManifestNode }[] } {
  const children = ['amd64', 'arm64', 's390x'].map((tag) => ({ tag, node: shazam('oci', tag) }));
  const index = ociIndex(
    children.map((c) => ({ node: c.node })),
    indexAnnotations('shazam', 'Shazam demo image as an OCI image index'),
  );
  return { index, children };
}

function attestation(imageNode: ManifestNode, repository: string): ManifestNode {
  const p = imageNode.platform ?? { architecture: 'unknown', os: 'unknown' };
  const statement = {
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://spdx.dev/Document',
    subject: [
      {
        name: `pkg:docker/${repository}@latest?platform=${encodeURIComponent(platformString(p))}`,
        digest: { sha256: imageNode.digest.slice('sha256:'.length) },
      },
    ],
    predicate: {
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: `${repository} (${platformString(p)})`,
      documentNamespace: `https://example.invalid/spdx/${repository}/${p.architecture}`,
      creationInfo: { created: DEMO_CREATED, creators: ['Tool: manifold-seed'] },
      packages: [
        {
          name: 'hello-buildkit',
          SPDXID: 'SPDXRef-Package-hello-buildkit',
          versionInfo: '1.0.0',
          downloadLocation: 'NOASSERTION',
          licenseConcluded: 'Apache-2.0',
        },
      ],
    },
  };
  const layer = toBlob(IN_TOTO, Buffer.from(JSON.stringify(statement)));
  const config = toBlob(
    MediaType.OciConfig,
    Buffer.from(
      JSON.stringify({
        architecture: 'unknown',
        os: 'unknown',
        config: {},
        rootfs: { type: 'layers', diff_ids: [layer.digest] },
      }),
    ),
  );
  const mediaType = MediaType.OciManifest;
  const body = {
    schemaVersion: 2,
    mediaType,
    config: descriptor(config),
    layers: [
      descriptor(layer, {
        annotations: { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' },
      }),
    ],
  };
  return manifestNode(mediaType, body, [config, layer], []);
}

function buildkit(): ManifestNode {
  const images = SHAZAM_PLATFORMS.filter((p) => p.tag === 'amd64' || p.tag === 'arm64').map((p) =>
    image({
      format: 'oci',
      app: 'hello-buildkit',
      title: 'hello-buildkit',
      platform: p.platform,
      archName: p.tag,
    }),
  );
  const attestations = images.map((img) => ({
    node: attestation(img, 'demo/buildkit'),
    extra: {
      annotations: {
        'vnd.docker.reference.digest': img.digest,
        'vnd.docker.reference.type': 'attestation-manifest',
      },
      platform: { architecture: 'unknown', os: 'unknown' },
    },
  }));
  return ociIndex([...images.map((node) => ({ node })), ...attestations]);
}

function windows(): ManifestNode {
  const winPlatform: Platform = {
    architecture: 'amd64',
    os: 'windows',
    'os.version': '10.0.20348.2227',
  };
  const winLayer = buildLayer([
    { path: 'Files', type: 'dir' },
    { path: 'Files/hello', type: 'dir' },
    {
      path: 'Files/hello/hello.exe',
      type: 'file',
      content: 'MZ fake Windows binary for the Manifold demo\n',
    },
    { path: 'Hives', type: 'dir' },
  ]);
  const win = image({
    format: 'docker',
    app: 'hello',
    title: 'hello-windows',
    platform: winPlatform,
    archName: 'amd64',
    layers: [winLayer],
    windows: true,
  });
  const linux = image({
    format: 'docker',
    app: 'hello',
    title: 'hello',
    platform: { architecture: 'amd64', os: 'linux' },
    archName: 'amd64',
  });
  return dockerList([win, linux]);
}

function single(): ManifestNode {
  return image({
    format: 'oci',
    app: 'single',
    title: 'single',
    platform: { architecture: 'amd64', os: 'linux' },
    archName: 'amd64',
    annotations: {
      'org.opencontainers.image.created': DEMO_CREATED,
      'org.opencontainers.image.version': '1.0',
    },
  });
}

function artifact(): ManifestNode {
  const empty = toBlob(MediaType.OciEmpty, Buffer.from('{}'));
  const sbom = toBlob(
    SBOM_TYPE,
    Buffer.from(
      JSON.stringify({
        sbomVersion: 1,
        subject: 'demo/shazam:1.0.0',
        created: DEMO_CREATED,
        packages: [
          { name: 'shazam', version: '1.0.0', license: 'Apache-2.0' },
          { name: 'manifold-demo-base', version: '1', license: 'CC0-1.0' },
        ],
      }),
    ),
  );
  const mediaType = MediaType.OciManifest;
  const body = {
    schemaVersion: 2,
    mediaType,
    artifactType: SBOM_TYPE,
    config: descriptor(empty),
    layers: [descriptor(sbom, { annotations: { 'org.opencontainers.image.title': 'sbom.json' } })],
    annotations: { 'org.opencontainers.image.created': DEMO_CREATED },
  };
  return manifestNode(mediaType, body, [empty, sbom], []);
}

function broken(): { list: ManifestNode; missing: ManifestNode } {
  const kept = image({
    format: 'docker',
    app: 'broken',
    title: 'broken',
    platform: { architecture: 'amd64', os: 'linux' },
    archName: 'amd64',
  });
  const missing = image({
    format: 'docker',
    app: 'broken',
    title: 'broken',
    platform: { architecture: 'arm64', os: 'linux', variant: 'v8' },
    archName: 'arm64',
  });
  return { list: dockerList([kept, missing]), missing };
}

/**
 * Returns the demo plan: per repository, the tags to write in order and what to delete after.
 * demo/shazam comes last and its `latest` is the seed's final write.
 */
export function buildDemoPlan(): DemoRepository[] {
  const oci = shazamOci();
  const shazamChildren = SHAZAM_PLATFORMS.map((p) => ({
    tag: p.tag,
    manifest: shazam('docker', p.tag),
  }));
  const nested = ociIndex(
    [{ node: oci.index }, { node: single() }],
    indexAnnotations('nested', 'An index holding another index (shazam-oci) and one image'),
  );
  const brokenRepo = broken();
  return [
    { repository: 'demo/single', tags: [{ tag: '1.0', manifest: single() }], deleteAfter: [] },
    { repository: 'demo/artifact', tags: [{ tag: 'v1', manifest: artifact() }], deleteAfter: [] },
    {
      repository: 'demo/windows',
      tags: [{ tag: 'ltsc2022', manifest: windows() }],
      deleteAfter: [],
    },
    {
      repository: 'demo/buildkit',
      tags: [{ tag: 'latest', manifest: buildkit() }],
      deleteAfter: [],
    },
    {
      repository: 'demo/shazam-oci',
      tags: [
        ...oci.children.map((c) => ({ tag: c.tag, manifest: c.node })),
        { tag: 'latest', manifest: oci.index },
      ],
      deleteAfter: [],
    },
    { repository: 'demo/nested', tags: [{ tag: 'latest', manifest: nested }], deleteAfter: [] },
    {
      repository: 'demo/broken',
      tags: [{ tag: 'latest', manifest: brokenRepo.list }],
      deleteAfter: [brokenRepo.missing],
    },
    {
      repository: 'demo/shazam',
      tags: [
        ...shazamChildren,
        { tag: 'latest', manifest: dockerList(shazamChildren.map((c) => c.manifest)) },
      ],
      deleteAfter: [],
    },
  ];
}
