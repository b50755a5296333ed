/** One row of an annotations editor, as typed. */
export interface AnnotationRow {
  key: string;
  value: string;
}

/**
 * Returns the patch that turns `current` into the typed rows: changed and new keys with their
 * value, removed keys with null (blank rows are ignored); or an error for a row with a value and
 * no key.
 */
export function annotationPatch(
  rows: readonly AnnotationRow[],
  current: Readonly<Record<string, string>>,
): { patch: Record<string, string | null> } | { error: string } {
  const next: Record<string, string> = {};
  for (const r of rows) {
    const key = r.key.trim();
    if (!key && !r.value.trim()) continue;
    if (!key) return { error: 'Every annotation needs a key' };
    next[key] = r.value;
  }
  const patch: Record<string, string | null> = {};
  for (const key of Object.keys(current)) if (!(key in next)) patch[key] = null;
  for (const [k, v] of Object.entries(next)) if (current[k] !== v) patch[k] = v;
  return { patch };
}
