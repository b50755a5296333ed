/** How the tag list is ordered: natural version order (newest first), by name, or last pushed first. */
export type TagSort = 'version' | 'name' | 'name-desc' | 'pushed';

/** Returns the sort a URL's `?sort=` asks for; 'version' for anything else. */
export function parseTagSort(value: string | undefined): TagSort {
  return value === 'name' || value === 'name-desc' || value === 'pushed' ? value : 'version';
}

const natural = new Intl.Collator(undefined, { numeric: true });
const alphabetical = new Intl.Collator(undefined);
const VERSION_LIKE = /^v?\d/i;

/**
 * Returns the tags in display order. 'pushed': by the time Manifold last saw each tag change
 * (`pushed`), newest first, the tags it has no record of after them. 'version': `latest` first, then version-like tags (`1.2`,
 * `v10.0-rc1`) newest first by natural order (1.10 after 1.9), then the other tags A–Z.
 * 'name': plain alphabetical; 'name-desc' the reverse. The registry's own order is never relied on
 * (distribution's is arbitrary).
 */
export function sortTags(
  tags: readonly string[],
  sort: TagSort,
  pushed: Readonly<Record<string, string>> = {},
): string[] {
  // Last pushed first; tags Manifold has no record of follow, in version order.
  if (sort === 'pushed') {
    const seen = tags.filter((t) => pushed[t] !== undefined);
    seen.sort((a, b) => pushed[b]!.localeCompare(pushed[a]!) || natural.compare(a, b));
    return [
      ...seen,
      ...sortTags(
        tags.filter((t) => pushed[t] === undefined),
        'version',
      ),
    ];
  }
  const out = [...tags];
  if (sort === 'name') return out.sort(alphabetical.compare);
  if (sort === 'name-desc') return out.sort((a, b) => alphabetical.compare(b, a));
  const rank = (t: string): number => (t === 'latest' ? 0 : VERSION_LIKE.test(t) ? 1 : 2);
  return out.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (ra !== 1) return natural.compare(a, b);
    // 'v1.2' is version 1.2: the prefix must not decide the order.
    return natural.compare(b.replace(/^v/i, ''), a.replace(/^v/i, '')) || natural.compare(b, a);
  });
}

/**
 * Returns the tags matching every whitespace-separated term of `query` (case-insensitive) in the
 * tag name or in one of its platforms (`arm` finds `latest` when it holds linux/arm/v7).
 * `platformsOf` returns a tag's platform labels, or undefined while they are not known yet.
 */
export function filterTags(
  tags: readonly string[],
  query: string,
  platformsOf: (tag: string) => readonly string[] | undefined,
): string[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...tags];
  return tags.filter((tag) => {
    const text = [tag, ...(platformsOf(tag) ?? [])].join(' ').toLowerCase();
    return terms.every((t) => text.includes(t));
  });
}
