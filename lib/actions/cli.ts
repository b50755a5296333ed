/**
 * The command-line equivalent of each action, shown next to it so users can do the same by hand
 * or in CI. skopeo and regctl act on registries directly; podman and buildah `manifest` commands
 * act on local lists and need a push afterwards.
 */

/** A way to do an action with a CLI tool. */
export interface CliCommand {
  tool: 'skopeo' | 'regctl' | 'podman' | 'buildah';
  /** One or more lines of shell. */
  lines: string[];
  /** What to know about it (e.g. "the new index's digest may differ"). */
  note?: string;
}

export interface CliOptions {
  /** The registry is plain HTTP or has an unverified certificate. */
  insecure?: boolean;
}

/** 'registry/repository@digest' or 'registry/repository:tag'. */
export function refText(registry: string, repository: string, tagOrDigest: string): string {
  return `${registry}/${repository}${tagOrDigest.includes(':') ? '@' : ':'}${tagOrDigest}`;
}

function hostOf(ref: string): string {
  return ref.split('/')[0] ?? ref;
}

function regctlTls(refs: string[], opts: CliOptions): string[] {
  if (!opts.insecure) return [];
  return [...new Set(refs.map(hostOf))].map((h) => `regctl registry set --tls disabled ${h}`);
}

function skopeoCopy(src: string, dst: string, opts: CliOptions): string {
  const tls = opts.insecure ? ' --src-tls-verify=false --dest-tls-verify=false' : '';
  return `skopeo copy --all --preserve-digests${tls} docker://${src} docker://${dst}`;
}

/** Returns the commands that put `src` (by digest) under each destination tag, byte for byte. */
export function retagCommands(
  src: string,
  destinations: readonly string[],
  opts: CliOptions = {},
): CliCommand[] {
  return [
    {
      tool: 'skopeo',
      lines: destinations.map((d) => skopeoCopy(src, d, opts)),
      note: 'Copies the list with every platform; the digest stays the same.',
    },
    {
      tool: 'regctl',
      lines: [
        ...regctlTls([src, ...destinations], opts),
        ...destinations.map((d) => `regctl image copy ${src} ${d}`),
      ],
    },
    {
      tool: 'buildah',
      lines: destinations.map((d) => `buildah tag ${src} ${d}`),
      note: 'Only for a list in local storage; push it afterwards with `buildah manifest push --all`.',
    },
  ];
}

/** Returns the commands that copy `src` to `dst`: all platforms, or only the ones given (by platform and child digest). */
export function copyCommands(
  src: string,
  dst: string,
  subset: ReadonlyArray<{ platform: string; digest: string }> | null,
  opts: CliOptions & { dockerList?: boolean } = {},
): CliCommand[] {
  if (!subset) {
    return [
      { tool: 'skopeo', lines: [skopeoCopy(src, dst, opts)] },
      {
        tool: 'regctl',
        lines: [...regctlTls([src, dst], opts), `regctl image copy ${src} ${dst}`],
      },
    ];
  }
  const repo = src.replace(/[@:][^/]*$/, '');
  const mediaType = opts.dockerList
    ? ' --media-type application/vnd.docker.distribution.manifest.list.v2+json'
    : '';
  return [
    {
      tool: 'regctl',
      lines: [
        ...regctlTls([src, dst], opts),
        `regctl index create ${dst}${mediaType} --ref ${src} ${subset.map((s) => `--platform ${s.platform}`).join(' ')}`,
      ],
      note: 'regctl writes its own index, so its digest may differ from the one previewed here.',
    },
    {
      tool: 'podman',
      lines: [
        `podman manifest create ${dst}`,
        ...subset.map(
          (s) =>
            `podman manifest add ${opts.insecure ? '--tls-verify=false ' : ''}${dst} docker://${repo}@${s.digest}`,
        ),
        `podman manifest push --all ${opts.insecure ? '--tls-verify=false ' : ''}${dst} docker://${dst}`,
      ],
      note: 'Without --all, podman pushes only the list and the children would be missing.',
    },
  ];
}

/** Returns the commands that delete a manifest by digest (every tag on it goes; a list's children stay). */
export function deleteCommands(ref: string, opts: CliOptions = {}): CliCommand[] {
  return [
    { tool: 'regctl', lines: [...regctlTls([ref], opts), `regctl manifest delete ${ref}`] },
    {
      tool: 'skopeo',
      lines: [`skopeo delete${opts.insecure ? ' --tls-verify=false' : ''} docker://${ref}`],
    },
    {
      tool: 'podman',
      lines: [`podman manifest rm ${ref}`],
      note: 'Removes a list from local storage only (its images stay); it does not touch the registry.',
    },
  ];
}

/** Returns the commands that remove one tag and keep the manifest. */
export function untagCommands(ref: string, opts: CliOptions = {}): CliCommand[] {
  return [
    {
      tool: 'regctl',
      lines: [...regctlTls([ref], opts), `regctl tag delete ${ref}`],
      note: 'On registries that cannot delete a tag, regctl points it at a throwaway manifest and deletes that, as Manifold does.',
    },
  ];
}

/** Returns the commands that drop one platform from a list and push the list back under its tag. */
export function removePlatformCommands(
  ref: string,
  childDigest: string,
  opts: CliOptions = {},
): CliCommand[] {
  const repo = ref.replace(/[@:][^/]*$/, '');
  return [
    {
      tool: 'regctl',
      lines: [...regctlTls([ref], opts), `regctl index delete ${ref} --digest ${childDigest}`],
    },
    {
      tool: 'podman',
      lines: [
        `podman manifest create --all ${opts.insecure ? '--tls-verify=false ' : ''}${ref} docker://${ref}`,
        `podman manifest remove ${ref} ${childDigest}`,
        `podman manifest push --all ${opts.insecure ? '--tls-verify=false ' : ''}${ref} docker://${ref}`,
      ],
      note: `The image ${repo}@${childDigest} stays in the repository.`,
    },
  ];
}

/** Returns the commands that point a tag back at an earlier digest. */
export function restoreCommands(
  repoRef: string,
  digest: string,
  tag: string,
  opts: CliOptions = {},
): CliCommand[] {
  return retagCommands(`${repoRef}@${digest}`, [`${repoRef}:${tag}`], opts).filter(
    (c) => c.tool !== 'buildah',
  );
}
