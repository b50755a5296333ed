import { quote } from 'shell-quote';

/**
 * The command-line equivalent of each action, shown next to it so users can do the same by hand
 * or in CI. skopeo and regctl act on registries directly; podman and buildah `manifest` commands
 * act on local lists and need a push afterwards.
 */

/** A way to do an action with a CLI tool. */
export interface CliCommand {
  tool: 'skopeo' | 'regctl' | 'podman' | 'buildah' | 'crane' | 'docker';
  /** One or more lines of shell. */
  lines: string[];
  /** What to know about it (e.g. "the new index's digest may differ"). */
  note?: string;
}

export interface CliOptions {
  /** The registry is plain HTTP or has an unverified certificate. */
  insecure?: boolean;
}

// Characters no POSIX shell treats specially: such words are shown as they are, so the usual
// commands stay readable; anything else goes through shell-quote.
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Returns `value` as one shell word: unchanged when it holds nothing a shell reads, else quoted. */
export function shellWord(value: string): string {
  return PLAIN_WORD.test(value) ? value : quote([value]);
}

/** Returns one command line: every word quoted for a POSIX shell (flags included). */
export function shellCommand(words: ReadonlyArray<string | false | undefined>): string {
  return words
    .filter((w): w is string => typeof w === 'string')
    .map(shellWord)
    .join(' ');
}

/** Returns the commands that show a manifest as the registry stores it, with the usual CLIs. */
export function inspectCommands(reference: string, insecure: boolean): Array<[string, string]> {
  return [
    [
      'skopeo',
      shellCommand([
        'skopeo',
        'inspect',
        '--raw',
        insecure && '--tls-verify=false',
        `docker://${reference}`,
      ]),
    ],
    [
      'podman',
      shellCommand(['podman', 'manifest', 'inspect', insecure && '--tls-verify=false', reference]),
    ],
    ['regctl', shellCommand(['regctl', 'manifest', 'get', '--format', 'raw-body', reference])],
    ['crane', shellCommand(['crane', 'manifest', insecure && '--insecure', reference])],
  ];
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
  return [...new Set(refs.map(hostOf))].map((h) =>
    shellCommand(['regctl', 'registry', 'set', '--tls', 'disabled', h]),
  );
}

function skopeoCopy(src: string, dst: string, opts: CliOptions): string {
  const tls = opts.insecure ? ['--src-tls-verify=false', '--dest-tls-verify=false'] : [];
  return shellCommand([
    'skopeo',
    'copy',
    '--all',
    '--preserve-digests',
    ...tls,
    `docker://${src}`,
    `docker://${dst}`,
  ]);
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
        ...destinations.map((d) => shellCommand(['regctl', 'image', 'copy', src, d])),
      ],
    },
    {
      tool: 'crane',
      lines: destinations.map((d) => craneTagOrCopy(src, d, opts)),
      note: '`crane tag` within the repository, `crane copy` to another one; both keep the digest.',
    },
    {
      tool: 'buildah',
      lines: destinations.map((d) => shellCommand(['buildah', 'tag', src, d])),
      note: 'Only for a list in local storage; push it afterwards with `buildah manifest push --all`.',
    },
  ];
}

// 'registry/repository' of a 'registry/repository:tag' or '...@digest' reference.
function repositoryOf(ref: string): string {
  return ref.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
}

function craneTagOrCopy(src: string, dst: string, opts: CliOptions): string {
  const insecure = opts.insecure && '--insecure';
  const dstRepo = repositoryOf(dst);
  const tag = dst.slice(dstRepo.length + 1);
  // `crane tag` only names a tag in the source's own repository.
  if (dstRepo === repositoryOf(src) && !tag.includes('@'))
    return shellCommand(['crane', 'tag', insecure, src, tag]);
  return shellCommand(['crane', 'copy', insecure, src, dst]);
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
        lines: [
          ...regctlTls([src, dst], opts),
          shellCommand(['regctl', 'image', 'copy', src, dst]),
        ],
      },
    ];
  }
  const repo = src.replace(/[@:][^/]*$/, '');
  const mediaType = opts.dockerList
    ? ['--media-type', 'application/vnd.docker.distribution.manifest.list.v2+json']
    : [];
  const tlsFlag = opts.insecure && '--tls-verify=false';
  return [
    {
      tool: 'regctl',
      lines: [
        ...regctlTls([src, dst], opts),
        shellCommand([
          'regctl',
          'index',
          'create',
          dst,
          ...mediaType,
          '--ref',
          src,
          ...subset.flatMap((s) => ['--platform', s.platform]),
        ]),
      ],
      note: 'regctl writes its own index, so its digest may differ from the one previewed here.',
    },
    {
      tool: 'podman',
      lines: [
        shellCommand(['podman', 'manifest', 'create', dst]),
        ...subset.map((s) =>
          shellCommand(['podman', 'manifest', 'add', tlsFlag, dst, `docker://${repo}@${s.digest}`]),
        ),
        shellCommand(['podman', 'manifest', 'push', '--all', tlsFlag, dst, `docker://${dst}`]),
      ],
      note: 'Without --all, podman pushes only the list and the children would be missing.',
    },
  ];
}

/** Returns the commands that delete a manifest by digest (every tag on it goes; a list's children stay). */
export function deleteCommands(ref: string, opts: CliOptions = {}): CliCommand[] {
  return [
    {
      tool: 'regctl',
      lines: [...regctlTls([ref], opts), shellCommand(['regctl', 'manifest', 'delete', ref])],
    },
    {
      tool: 'skopeo',
      lines: [
        shellCommand([
          'skopeo',
          'delete',
          opts.insecure && '--tls-verify=false',
          `docker://${ref}`,
        ]),
      ],
    },
    {
      tool: 'podman',
      lines: [shellCommand(['podman', 'manifest', 'rm', ref])],
      note: 'Removes a list from local storage only (its images stay); it does not touch the registry.',
    },
  ];
}

/** Returns the commands that remove one tag and keep the manifest. */
export function untagCommands(ref: string, opts: CliOptions = {}): CliCommand[] {
  return [
    {
      tool: 'regctl',
      lines: [...regctlTls([ref], opts), shellCommand(['regctl', 'tag', 'delete', ref])],
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
  const tlsFlag = opts.insecure && '--tls-verify=false';
  return [
    {
      tool: 'regctl',
      lines: [
        ...regctlTls([ref], opts),
        shellCommand(['regctl', 'index', 'delete', ref, '--digest', childDigest]),
      ],
    },
    {
      tool: 'podman',
      lines: [
        shellCommand(['podman', 'manifest', 'create', '--all', tlsFlag, ref, `docker://${ref}`]),
        shellCommand(['podman', 'manifest', 'remove', ref, childDigest]),
        shellCommand(['podman', 'manifest', 'push', '--all', tlsFlag, ref, `docker://${ref}`]),
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
