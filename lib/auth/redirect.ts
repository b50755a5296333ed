/**
 * Where a browser goes after signing in. `next` comes from a query string anyone can write, so it
 * is parsed as a URL against Manifold's own origin and kept only when it stays there: browsers drop
 * TAB, CR and LF inside URLs and read `\` as `/`, so `/\thost` or `/\host` would become `//host`.
 */

// Any origin works for the comparison; this one is used when publicUrl is not configured.
const FALLBACK_ORIGIN = 'http://manifold.invalid';

/** Returns the path, query and fragment of `next` when it is a same-origin path, else `/`. Never throws. */
export function safeNext(next: string | null | undefined, publicOrigin?: string): string {
  if (typeof next !== 'string' || next.length > 2048) return '/';
  // C0 controls, DEL, C1 controls, backslashes and Unicode line separators: a browser may drop or
  // rewrite each of them, so none belongs in a path we send it to.
  if (/[\u0000-\u001f\u007f-\u009f\\\u2028\u2029]/.test(next)) return '/';
  if (!/^\/(?!\/)/.test(next)) return '/';
  const base = publicOrigin ?? FALLBACK_ORIGIN;
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(base).origin) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
