/**
 * Building blocks of the demo images: blobs, descriptors, deterministic layers, image configs and
 * manifests, lists and indexes. Objects are built with a fixed key order and serialised with
 * JSON.stringify, so the bytes (and digests) are the same on every run.
 */
import { sha256Digest, MediaType } from '../lib/registry';
import { buildLayer, type BuiltLayer, type TarEntry } from './seed-tar';

export const DEMO_CREATED = '2026-01-15T10:00:00Z';
export const DEMO_SOURCE = 'https://example.invalid/manifold/shazam';
const AUTHOR = 'Manifold demo <demo@manifold.invalid>';
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface Blob {
  mediaType: string;
  bytes: Buffer;
  digest: string;
  size: number;
}

export interface Platform {
  architecture: string;
  os: string;
  'os.version'?: string;
  variant?: string;
}

/** A manifest with everything it needs in the repository: its blobs and (for indexes) its children. */
export interface ManifestNode {
  mediaType: string;
  bytes: Buffer;
  digest: string;
  size: number;
  blobs: Blob[];
  children: ManifestNode[];
  platform?: Platform;
}

/** Returns the blob (digest, size) of the bytes. */
export function toBlob(mediaType: string, bytes: Buffer): Blob {
  return { mediaType, bytes, digest: sha256Digest(bytes), size: bytes.length };
}

function layerBlob(layer: BuiltLayer, mediaType: string): Blob {
  return { mediaType, bytes: layer.gz, digest: layer.digest, size: layer.size };
}

/** Returns the OCI descriptor of a blob or manifest, with extra fields (platform, annotations) last. */
export function descriptor(
  item: Blob | ManifestNode,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { mediaType: item.mediaType, digest: item.digest, size: item.size, ...extra };
}

/** Returns the node for a manifest body serialised as 2-space-indented JSON plus a newline. */
export function manifestNode(
  mediaType: string,
  body: unknown,
  blobs: Blob[],
  children: ManifestNode[],
  platform?: Platform,
): ManifestNode {
  const bytes = Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8');
  return {
    mediaType,
    bytes,
    digest: sha256Digest(bytes),
    size: bytes.length,
    blobs,
    children,
    ...(platform ? { platform } : {}),
  };
}

/** Returns `os/arch[/variant]`. */
export function platformString(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Layers

let base: BuiltLayer | undefined;

/** Returns the base layer every Linux demo image starts from (built once). */
export function baseLayer(): BuiltLayer {
  base ??= buildLayer([
    { path: 'bin', type: 'dir' },
    { path: 'data', type: 'dir' },
    { path: 'etc', type: 'dir' },
    { path: 'etc/group', type: 'file', content: 'root:x:0:\nshazam:x:1000:\n' },
    {
      path: 'etc/os-release',
      type: 'file',
      content:
        'NAME="Manifold Demo Linux"\nID=manifold-demo\nVERSION_ID=1\nPRETTY_NAME="Manifold Demo Linux 1"\n',
    },
    {
      path: 'etc/passwd',
      type: 'file',
      content: 'root:x:0:0:root:/root:/bin/sh\nshazam:x:1000:1000:shazam:/opt/shazam:/bin/sh\n',
    },
    { path: 'opt', type: 'dir' },
    { path: 'root', type: 'dir', mode: 0o700 },
    { path: 'tmp', type: 'dir', mode: 0o1777 },
    { path: 'usr', type: 'dir' },
    { path: 'usr/share', type: 'dir' },
    { path: 'usr/share/doc', type: 'dir' },
    { path: 'usr/share/doc/manifold-demo', type: 'dir' },
    {
      path: 'usr/share/doc/manifold-demo/README',
      type: 'file',
      content: 'Base layer of the Manifold demo images. Not a real distribution.\n',
    },
  ]);
  return base;
}

/** Returns the small per-image layer naming the app and the platform it was "built" for. */
export function appLayer(app: string, platform: Platform, extra: TarEntry[] = []): BuiltLayer {
  const where = platformString(platform);
  return buildLayer([
    { path: 'opt', type: 'dir' },
    { path: `opt/${app}`, type: 'dir' },
    { path: `opt/${app}/ARCH`, type: 'file', content: `${where}\n` },
    { path: `opt/${app}/bin`, type: 'dir' },
    {
      path: `opt/${app}/bin/${app}`,
      type: 'file',
      mode: 0o755,
      content: `#!/bin/sh\necho "${app} 1.0.0 on ${where}"\n`,
    },
    ...extra,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Images

export interface ImageSpec {
  format: 'docker' | 'oci';
  app: string;
  title: string;
  platform: Platform;
  /** Tag-ish name of the architecture for labels and env (e.g. armv7). */
  archName: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  layers?: BuiltLayer[];
  windows?: boolean;
}

function containerConfig(spec: ImageSpec): Record<string, unknown> {
  const labels = {
    'org.opencontainers.image.title': spec.title,
    'org.opencontainers.image.version': '1.0.0',
    'org.opencontainers.image.description': `${spec.title} demo image for Manifold`,
    'org.opencontainers.image.source': DEMO_SOURCE,
    'org.opencontainers.image.licenses': 'Apache-2.0',
    'com.example.demo.arch': spec.archName,
    ...spec.labels,
  };
  if (spec.windows) {
    return {
      User: 'ContainerUser',
      ExposedPorts: { '8080/tcp': {} },
      Env: ['PATH=C:\\Windows\\system32;C:\\Windows', `ARCH=${spec.archName}`],
      Entrypoint: [`C:\\${spec.app}\\${spec.app}.exe`],
      Cmd: ['--serve'],
      WorkingDir: `C:\\${spec.app}`,
      Labels: labels,
    };
  }
  return {
    User: '1000:1000',
    ExposedPorts: { '8080/tcp': {} },
    Env: [
      PATH_ENV,
      `ARCH=${spec.archName}`,
      `${spec.app.toUpperCase().replace(/-/g, '_')}_HOME=/opt/${spec.app}`,
    ],
    Entrypoint: [`/opt/${spec.app}/bin/${spec.app}`],
    Cmd: ['--serve', '--port=8080'],
    Volumes: { '/data': {} },
    WorkingDir: `/opt/${spec.app}`,
    Labels: labels,
    StopSignal: 'SIGTERM',
  };
}

/** Returns a single-platform image (Docker or OCI) with its config and layers. */
export function image(spec: ImageSpec): ManifestNode {
  const p = spec.platform;
  const layers = spec.layers ?? [baseLayer(), appLayer(spec.app, p)];
  const runConfig = containerConfig(spec);
  const history = [
    {
      created: DEMO_CREATED,
      created_by: 'ADD rootfs.tar.gz / # buildkit',
      comment: 'buildkit.dockerfile.v0',
    },
    {
      created: DEMO_CREATED,
      created_by: `ENV ARCH=${spec.archName}`,
      comment: 'buildkit.dockerfile.v0',
      empty_layer: true,
    },
    ...layers.slice(1).map((_, i) => ({
      created: DEMO_CREATED,
      created_by: `COPY ${spec.app}-${spec.archName}${i ? `-${i}` : ''} /opt/${spec.app}/ # buildkit`,
      comment: 'buildkit.dockerfile.v0',
    })),
    {
      created: DEMO_CREATED,
      created_by: `LABEL org.opencontainers.image.title=${spec.title}`,
      comment: 'buildkit.dockerfile.v0',
      empty_layer: true,
    },
    {
      created: DEMO_CREATED,
      created_by: `ENTRYPOINT ${JSON.stringify(runConfig.Entrypoint)}`,
      comment: 'buildkit.dockerfile.v0',
      empty_layer: true,
    },
  ];
  const config = {
    created: DEMO_CREATED,
    author: AUTHOR,
    architecture: p.architecture,
    os: p.os,
    ...(p['os.version'] ? { 'os.version': p['os.version'] } : {}),
    ...(p.variant ? { variant: p.variant } : {}),
    config: runConfig,
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history,
  };
  const docker = spec.format === 'docker';
  const configBlob = toBlob(
    docker ? MediaType.DockerConfig : MediaType.OciConfig,
    Buffer.from(JSON.stringify(config)),
  );
  const layerBlobs = layers.map((l) =>
    layerBlob(l, docker ? MediaType.DockerLayer : MediaType.OciLayerGzip),
  );
  const mediaType = docker ? MediaType.DockerManifest : MediaType.OciManifest;
  const body = {
    schemaVersion: 2,
    mediaType,
    config: descriptor(configBlob),
    layers: layerBlobs.map((b) => descriptor(b)),
    ...(spec.annotations && !docker ? { annotations: spec.annotations } : {}),
  };
  return manifestNode(mediaType, body, [configBlob, ...layerBlobs], [], p);
}

function platformField(p: Platform): Platform {
  return {
    architecture: p.architecture,
    os: p.os,
    ...(p['os.version'] ? { 'os.version': p['os.version'] } : {}),
    ...(p.variant ? { variant: p.variant } : {}),
  };
}

/** Returns a Docker manifest list of the children, with their platforms. */
export function dockerList(children: ManifestNode[]): ManifestNode {
  const mediaType = MediaType.DockerManifestList;
  const body = {
    schemaVersion: 2,
    mediaType,
    manifests: children.map((c) =>
      descriptor(c, c.platform ? { platform: platformField(c.platform) } : {}),
    ),
  };
  return manifestNode(mediaType, body, [], children);
}

/** Returns an OCI image index of the entries (default entry fields: the child's platform). */
export function ociIndex(
  entries: { node: ManifestNode; extra?: Record<string, unknown> }[],
  annotations?: Record<string, string>,
): ManifestNode {
  const mediaType = MediaType.OciIndex;
  const body = {
    schemaVersion: 2,
    mediaType,
    manifests: entries.map(({ node, extra }) =>
      descriptor(node, extra ?? (node.platform ? { platform: platformField(node.platform) } : {})),
    ),
    ...(annotations ? { annotations } : {}),
  };
  return manifestNode(
    mediaType,
    body,
    [],
    entries.map((e) => e.node),
  );
}
