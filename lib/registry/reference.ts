import { AppError } from '@/lib/errors';
import {
  IDENTIFIER_RE,
  PATH_COMPONENT_RE,
  TAG_RE,
  TRANSPORT_PREFIX_RE,
  checkDigest,
  firstBadCharacter,
  registryProblem,
} from './reference-grammar';

/**
 * A parsed image reference: `registry/repository[:tag][@digest]`.
 *
 * When both `tag` and `digest` are set the digest wins when resolving: the tag is kept only for
 * display (`alpine:3.19@sha256:...` pins 3.19 to one exact manifest).
 */
export interface ImageReference {
  /** Registry host as written in references: 'docker.io', 'quay.io', 'localhost:5000', '[::1]:5000'. */
  registry: string;
  /** Repository path on that registry: 'library/alpine', 'org/team/app'. */
  repository: string;
  tag?: string;
  digest?: string;
}

export interface ParseReferenceOptions {
  /** Registry used when the input names none. Default 'docker.io' (which also adds `library/`). */
  defaultRegistry?: string;
}

export interface FormatReferenceOptions {
  /** Drop `docker.io/` and `library/` the way the docker CLI displays names. */
  short?: boolean;
}

export const DOCKER_HUB = 'docker.io';
/** Docker Hub's API host: `docker.io` is only the name used in references. */
export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';
/** Longest repository path a registry accepts (distribution/reference RepositoryNameTotalLengthMax). */
export const MAX_REPOSITORY_LENGTH = 255;
export const DEFAULT_TAG = 'latest';

const OFFICIAL_PREFIX = 'library/';
// Hosts users paste that all mean Docker Hub.
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Returns true when `tag` is a valid tag (`[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`). */
export function isValidTag(tag: string): boolean {
  return TAG_RE.test(tag);
}

/** Returns true when `name` is a valid repository path (lowercase components, at most 255 characters). */
export function isValidRepository(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= MAX_REPOSITORY_LENGTH &&
    name.split('/').every((component) => PATH_COMPONENT_RE.test(component))
  );
}

/**
 * Returns the parsed reference. Follows Docker's rules: the first component is a registry when it
 * contains `.` or `:`, is `localhost`, or is a bracketed IPv6 address; otherwise the registry is
 * `opts.defaultRegistry` (default docker.io, where a single component gets `library/`).
 * A leading `docker://` and surrounding whitespace are ignored. Registry hosts are lowercased and
 * `index.docker.io`/`registry-1.docker.io` become `docker.io`.
 * Throws AppError INVALID_REFERENCE saying what is wrong and at which (1-based) position.
 */
export function parseReference(input: string, opts: ParseReferenceOptions = {}): ImageReference {
  const fail: Fail = (what, at, why) => {
    const where = at === undefined ? '' : ` at position ${at + 1}`;
    const hint = why === undefined ? '' : `: ${why}`;
    throw new AppError('INVALID_REFERENCE', `Invalid reference "${input}": ${what}${where}${hint}`);
  };

  if (typeof input !== 'string') fail('not a string');
  const { s, offset } = stripInput(input, fail);
  const { namePart, digest } = splitDigest(s, offset, fail);
  const { name, tag } = splitTag(namePart, offset, fail);
  if (name === '') fail('missing repository name', offset);
  const split = splitRegistry(name, tag, offset, fail);
  const registry = split.registry ?? normaliseRegistry(opts.defaultRegistry ?? DOCKER_HUB);
  let path = split.path;
  if (path === '') fail('missing repository path after the registry', split.pathAt);
  checkPath(path, split.pathAt, fail);

  if (registry === DOCKER_HUB && !path.includes('/')) path = OFFICIAL_PREFIX + path;
  if (path.length > MAX_REPOSITORY_LENGTH) {
    fail(
      `repository name must not be more than ${MAX_REPOSITORY_LENGTH} characters (it has ${path.length})`,
    );
  }

  const ref: ImageReference = { registry, repository: path };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** Throws INVALID_REFERENCE with what is wrong, at which 0-based position of the input, and why. */
type Fail = (what: string, at?: number, why?: string) => never;

/** The input without surrounding whitespace and `docker://`; `offset` is where it starts in the input. */
function stripInput(input: string, fail: Fail): { s: string; offset: number } {
  const leading = input.length - input.trimStart().length;
  let s = input.trim();
  let offset = leading;
  const prefix = TRANSPORT_PREFIX_RE.exec(s);
  if (prefix) {
    s = s.slice(prefix[0].length);
    offset += prefix[0].length;
  }
  if (s === '') fail('the reference is empty');
  const ws = /\s/.exec(s);
  if (ws) fail('whitespace is not allowed', offset + ws.index);
  return { s, offset };
}

/** Digest: everything after the first '@'. */
function splitDigest(s: string, offset: number, fail: Fail): { namePart: string; digest?: string } {
  const at = s.indexOf('@');
  if (at === -1) return { namePart: s };
  const digest = s.slice(at + 1);
  const digestAt = offset + at + 1;
  if (digest === '') fail("missing digest after '@'", digestAt - 1);
  if (digest.includes('@'))
    fail(`invalid digest "${digest}": only one '@' is allowed`, digestAt + digest.indexOf('@'));
  checkDigest(digest, (what, why) => fail(what, digestAt, why));
  return { namePart: s.slice(0, at), digest };
}

/** Tag: after the last ':' that follows the last '/', so 'localhost:5000/x' keeps its port. */
function splitTag(namePart: string, offset: number, fail: Fail): { name: string; tag?: string } {
  const colon = namePart.lastIndexOf(':');
  if (
    colon <= namePart.lastIndexOf('/') ||
    (namePart.startsWith('[') && colon < namePart.indexOf(']'))
  ) {
    return { name: namePart };
  }
  const tag = namePart.slice(colon + 1);
  const tagAt = offset + colon + 1;
  if (tag === '') fail("missing tag after ':'", tagAt - 1);
  if (!isValidTag(tag)) {
    fail(
      `invalid tag "${tag}"`,
      tagAt,
      "a tag is up to 128 letters, digits, '_', '.' or '-' and cannot start with '.' or '-'",
    );
  }
  return { name: namePart.slice(0, colon), tag };
}

/** Registry: the first component when it looks like a host; undefined means the default registry. */
function splitRegistry(
  name: string,
  tag: string | undefined,
  offset: number,
  fail: Fail,
): { registry?: string; path: string; pathAt: number } {
  const slash = name.indexOf('/');
  if (slash === -1) {
    if (IDENTIFIER_RE.test(name) && tag === undefined) {
      fail(
        'a 64-character hexadecimal string is an image ID, not a repository name; use name@sha256:<id>',
        offset,
      );
    }
    return { path: name, pathAt: offset };
  }
  const first = name.slice(0, slash);
  const isHost =
    first === 'localhost' || first.includes('.') || first.includes(':') || first.startsWith('[');
  if (!isHost) return { path: name, pathAt: offset };
  const problem = registryProblem(first);
  if (problem) fail(`invalid registry "${first}"`, offset, problem);
  return {
    registry: normaliseRegistry(first),
    path: name.slice(slash + 1),
    pathAt: offset + slash + 1,
  };
}

/** Throws unless every path component is lowercase letters and digits with inner separators. */
function checkPath(path: string, pathAt: number, fail: Fail): void {
  let pos = pathAt;
  for (const component of path.split('/')) {
    if (component === '') {
      fail('empty path component (double or trailing slash)', pos);
    }
    if (!PATH_COMPONENT_RE.test(component)) {
      if (PATH_COMPONENT_RE.test(component.toLowerCase())) {
        fail(`repository name must be lowercase ("${component}")`, pos);
      }
      const bad = firstBadCharacter(component);
      fail(
        `invalid repository path component "${component}"`,
        pos + (bad ?? 0),
        `${bad === undefined ? '' : `unexpected "${component[bad]}"; `}use lowercase letters and digits separated by '.', '_', '__' or '-'`,
      );
    }
    pos += component.length + 1;
  }
}

/** Returns `registry/repository[:tag][@digest]`, or Docker's familiar form with `opts.short`. */
export function formatReference(ref: ImageReference, opts: FormatReferenceOptions = {}): string {
  let out = opts.short ? familiarName(ref) : `${ref.registry}/${ref.repository}`;
  if (ref.tag) out += `:${ref.tag}`;
  if (ref.digest) out += `@${ref.digest}`;
  return out;
}

/** Returns the repository name as the docker CLI shows it: 'alpine', 'user/app', 'quay.io/org/app'. */
export function familiarName(ref: Pick<ImageReference, 'registry' | 'repository'>): string {
  if (ref.registry !== DOCKER_HUB) return `${ref.registry}/${ref.repository}`;
  const rest = ref.repository.startsWith(OFFICIAL_PREFIX)
    ? ref.repository.slice(OFFICIAL_PREFIX.length)
    : '';
  const name = rest !== '' && !rest.includes('/') ? rest : ref.repository;
  // 'docker.io/foo.bar/app' shown as 'foo.bar/app' would read back as registry foo.bar.
  const first = name.split('/')[0] ?? '';
  return name.includes('/') && (first.includes('.') || first === 'localhost')
    ? `${DOCKER_HUB}/${name}`
    : name;
}

/**
 * Returns a copy naming `tag` and no digest (a digest would override the new tag).
 * Throws INVALID_REFERENCE when the tag is invalid.
 */
export function withTag(ref: ImageReference, tag: string): ImageReference {
  if (!isValidTag(tag)) {
    throw new AppError('INVALID_REFERENCE', `Invalid tag "${tag}"`);
  }
  return { registry: ref.registry, repository: ref.repository, tag };
}

/**
 * Returns a copy pinned to `digest`, keeping any tag for display (the digest wins when resolving).
 * Throws INVALID_REFERENCE when the digest is malformed.
 */
export function withDigest(ref: ImageReference, digest: string): ImageReference {
  checkDigest(digest, (what, why) => {
    throw new AppError('INVALID_REFERENCE', `Invalid digest "${digest}": ${why}`);
  });
  const out: ImageReference = { registry: ref.registry, repository: ref.repository, digest };
  if (ref.tag !== undefined) out.tag = ref.tag;
  return out;
}

/** Returns what to put after `/manifests/` for this reference: the digest, else the tag, else 'latest'. */
export function manifestReference(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? DEFAULT_TAG;
}

/** Returns the host to send API requests to: 'registry-1.docker.io' for Docker Hub, else the registry. */
export function registryApiHost(registry: string): string {
  return DOCKER_HUB_ALIASES.has(registry.toLowerCase()) ? DOCKER_HUB_API_HOST : registry;
}

function normaliseRegistry(registry: string): string {
  const lower = registry.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB : lower;
}
