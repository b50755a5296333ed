/**
 * URLs of Manifold's pages. Registry hosts and repository names go into the path as they are
 * (a host's ':' and a reference's '@' are legal in a path), so a URL reads like the reference.
 */

function encodeHost(host: string): string {
  return host.replace('[', '%5B').replace(']', '%5D');
}

function encodeRepository(repository: string): string {
  return repository.split('/').map(encodeURIComponent).join('/');
}

/** Returns the page listing a registry's repositories. */
export function registryPath(host: string): string {
  return `/registry/${encodeHost(host)}`;
}

/** Returns the page listing a repository's tags. */
export function repositoryPath(host: string, repository: string): string {
  return `/repo/${encodeHost(host)}/${encodeRepository(repository)}`;
}

/** Returns the page of one image or list, by tag or digest (`reference` is `:tag` or `@digest`-less text). */
export function imagePath(host: string, repository: string, reference: string): string {
  const sep = reference.includes(':') ? '@' : ':';
  return `/image/${encodeHost(host)}/${encodeRepository(repository)}${sep}${reference}`;
}

/** Returns the path segments of a catch-all route joined back into text, each one decoded. */
export function joinSegments(segments: string[]): string {
  return segments.map((s) => safeDecode(s)).join('/');
}

/** Returns decodeURIComponent(s), or s itself when it is not valid percent-encoding. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
