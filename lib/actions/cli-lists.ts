import { shellCommand, type CliCommand, type CliOptions } from './cli';

/**
 * The command-line equivalents of building a manifest list and of pulling an image: a draft's
 * push, done by hand with podman, docker buildx, regctl or crane, and the pull lines a tag list
 * offers to copy.
 */

/** One entry of a list to build: where its manifest is ('registry/repository[:tag]@digest'). */
export interface ListSource {
  source: string;
  /** True for an attestation manifest: only regctl and crane carry those over as they are. */
  attestation?: boolean;
}

const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

// 'registry/repository@digest' without the tag a source may also name.
function byDigest(source: string): string {
  const at = source.indexOf('@');
  if (at === -1) return source;
  const name = source.slice(0, at).replace(/:[^/:]*$/, '');
  return `${name}${source.slice(at)}`;
}

function podmanLines(images: string[], destinations: readonly string[], opts: CliOptions) {
  const tls = opts.insecure && '--tls-verify=false';
  const [first] = destinations;
  if (!first) return [];
  return [
    shellCommand(['podman', 'manifest', 'create', first]),
    ...images.map((s) => shellCommand(['podman', 'manifest', 'add', tls, first, `docker://${s}`])),
    ...destinations.map((d) =>
      shellCommand(['podman', 'manifest', 'push', '--all', tls, first, `docker://${d}`]),
    ),
  ];
}

function regctlLines(
  sources: string[],
  destinations: readonly string[],
  opts: CliOptions & { dockerList?: boolean },
) {
  const [first, ...rest] = destinations;
  if (!first) return [];
  const hosts = [...new Set([...sources, ...destinations].map((r) => r.split('/')[0] ?? r))];
  return [
    ...(opts.insecure
      ? hosts.map((h) => shellCommand(['regctl', 'registry', 'set', '--tls', 'disabled', h]))
      : []),
    shellCommand([
      'regctl',
      'index',
      'create',
      first,
      ...(opts.dockerList ? ['--media-type', DOCKER_LIST] : []),
      ...sources.flatMap((s) => ['--ref', s]),
    ]),
    ...rest.map((d) => shellCommand(['regctl', 'image', 'copy', first, d])),
  ];
}

function craneLines(
  sources: string[],
  destinations: readonly string[],
  opts: CliOptions & { dockerList?: boolean },
) {
  const [first, ...rest] = destinations;
  if (!first) return [];
  const insecure = opts.insecure && '--insecure';
  return [
    shellCommand([
      'crane',
      'index',
      'append',
      insecure,
      opts.dockerList && '--docker_empty_base',
      ...sources.flatMap((s) => ['-m', s]),
      '-t',
      first,
    ]),
    ...rest.map((d) => shellCommand(['crane', 'copy', insecure, first, d])),
  ];
}

/**
 * Returns the commands that build the list of `entries` (in order) and push it under every
 * destination, with podman, docker buildx, regctl and crane; empty when there is no destination
 * or no entry. Never throws.
 */
export function draftPushCommands(
  entries: readonly ListSource[],
  destinations: readonly string[],
  opts: CliOptions & { dockerList?: boolean } = {},
): CliCommand[] {
  const all = entries.map((e) => byDigest(e.source));
  const images = entries.filter((e) => !e.attestation).map((e) => byDigest(e.source));
  if (destinations.length === 0 || all.length === 0) return [];
  const skipped = all.length - images.length;
  const withoutAttestations = skipped
    ? ` It leaves out the ${skipped} attestation entr${skipped === 1 ? 'y' : 'ies'}.`
    : '';
  return [
    {
      tool: 'podman',
      lines: podmanLines(images, destinations, opts),
      note: `Builds the list in local storage; --all pushes the images with it.${withoutAttestations}`,
    },
    {
      tool: 'docker',
      lines: [
        shellCommand([
          'docker',
          'buildx',
          'imagetools',
          'create',
          ...destinations.flatMap((d) => ['-t', d]),
          ...images,
        ]),
      ],
      note: `buildx writes its own list (OCI or Docker as the sources are), so the digest may differ from the preview.${withoutAttestations}`,
    },
    {
      tool: 'regctl',
      lines: regctlLines(all, destinations, opts),
      note: 'regctl writes its own index, so its digest may differ from the one previewed here.',
    },
    {
      tool: 'crane',
      lines: craneLines(all, destinations, opts),
      note: 'crane appends each manifest to an empty index; annotations set here are not carried.',
    },
  ];
}

/** Returns the `docker pull` and `podman pull` lines of a reference (tag or digest). Never throws. */
export function pullCommands(reference: string, opts: CliOptions = {}): CliCommand[] {
  return [
    { tool: 'docker', lines: [shellCommand(['docker', 'pull', reference])] },
    {
      tool: 'podman',
      lines: [shellCommand(['podman', 'pull', opts.insecure && '--tls-verify=false', reference])],
    },
  ];
}
