/** Returns `sha256:0123456789ab` (the browser bundle must not pull in lib/registry/digest's node:crypto). */
export function shortDigestText(digest: string, length = 12): string {
  const [algorithm, hex] = digest.split(':');
  return hex ? `${algorithm}:${hex.slice(0, length)}` : digest;
}

/** Returns the UTC day of an ISO timestamp (`2026-01-15`), or undefined when it is missing or unparseable. */
export function formatDay(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}
