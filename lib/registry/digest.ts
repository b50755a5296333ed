// Digest strings only: no hashing here, so the browser can use these (hash.ts computes digests).
const DIGEST_RE = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** Returns true when the string is a well-formed sha256 or sha512 digest. */
export function isDigest(value: string): boolean {
  return DIGEST_RE.test(value);
}

/** Returns the short form of a digest for display (`sha256:0123456789ab`). */
export function shortDigest(digest: string, length = 12): string {
  const [algo, hex] = digest.split(':');
  return hex ? `${algo}:${hex.slice(0, length)}` : digest;
}
