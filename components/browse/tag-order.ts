/** How the tag list is ordered: natural version order (newest first) or plain alphabetical. */
export type TagSort = 'version' | 'name';

const natural = new Intl.Collator(undefined, { numeric: true });
const alphabetical = new Intl.Collator(undefined);
const VERSION_LIKE = /^v?\d/i;

/**
 * Returns the tags in display order. 'version': `latest` first, then version-like tags (`1.2`,
 * `v10.0-rc1`) newest first by natural order (1.10 after 1.9), then the other tags A–Z.
 * 'name': plain alphabetical. The registry's own order is never relied on (distribution's is arbitrary).
 */
export function sortTags(tags: readonly string[], sort: TagSort): string[] {
  const out = [...tags];
  if (sort === 'name') return out.sort(alphabetical.compare);
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
