/** Returns the distinct tags or references typed in one field, split on commas and whitespace. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}
