/** Returns the UTC day of an ISO timestamp (`2026-01-15`), or undefined when it is missing or unparseable. */
export function formatDay(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}
