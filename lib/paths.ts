/**
 * URLs of Manifold's pages. Every part is percent-encoded, so a name or tag from a registry
 * (`x/../../sign-in?next=//evil`) stays inside its own path segment and the link stays on the page
 * it is meant for; a host's ':' and a digest's ':' are kept readable (legal inside a path segment).
 */

/** Returns one path segment: `text` percent-encoded, ':' and '@' left as they are. */
export function encodeSegment(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

/** True for a segment a URL parser would resolve away or merge (`.`, `..`, their %2e forms, empty). */
function unsafeSegment(segment: string): boolean {
  return segment === '' || /^(\.|%2e){1,2}$/i.test(segment);
}

/** Returns a `/`-separated name as path segments, each encoded. */
function encodeRepository(repository: string): string {
  const segments = repository.split('/');
  // A dot segment would climb out of the page; such a name goes as one segment with its slashes
  // encoded (the page decodes it and refuses it as an invalid name, on the page it was meant for).
  if (segments.some(unsafeSegment)) return encodeSegment(repository);
  return segments.map(encodeSegment).join('/');
}

/** Returns the page listing a registry's repositories. */
export function registryPath(host: string): string {
  return `/registry/${encodeSegment(host)}`;
}

/** Returns the page listing a repository's tags. */
export function repositoryPath(host: string, repository: string): string {
  return `/repo/${encodeSegment(host)}/${encodeRepository(repository)}`;
}

/** Returns the page of one image or list, by tag or digest (`reference` is `:tag` or `@digest`-less text). */
export function imagePath(host: string, repository: string, reference: string): string {
  const sep = reference.includes(':') ? '@' : ':';
  return `/image/${encodeSegment(host)}/${encodeRepository(repository)}${sep}${encodeSegment(reference)}`;
}

/** Returns the image page of the path segments after `/image/` as Next handed them, each encoded again. */
export function imagePathOfSegments(segments: readonly string[]): string {
  return `/image/${encodeRepository(joinSegments([...segments]))}`;
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
