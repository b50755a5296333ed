import { isReferrerTag } from '@/lib/browse/trust';
import { globMatch } from '@/lib/glob';

import { TAG_GLOB, type TagRule } from './params';

export { isReferrerTag };

const natural = new Intl.Collator('en', { numeric: true });
const VERSION_LIKE = /^v?\d/i;

/** Returns the version-like tags newest first by natural order (v1.10 > v1.9; the `v` prefix ignored). */
export function newestByVersion(tags: readonly string[]): string[] {
  return tags
    .filter((t) => VERSION_LIKE.test(t))
    .sort(
      (a, b) =>
        natural.compare(b.replace(/^v/i, ''), a.replace(/^v/i, '')) || natural.compare(b, a),
    );
}

/**
 * Returns the tags a rule picks before anything is fetched, in scan order. For `newest by date`
 * it returns every tag: the dates are only known once the manifests are read (see pickNewestByDate).
 */
export function selectTags(tags: readonly string[], rule: TagRule): string[] {
  if (rule.kind === 'all') return [...tags].sort(natural.compare);
  if (rule.kind === 'pattern') {
    return tags
      .filter((t) => rule.patterns.some((p) => globMatch(p, t, TAG_GLOB)))
      .sort(natural.compare);
  }
  if (rule.by === 'version') {
    const versions = newestByVersion(tags);
    // A repository with no version-like tag still has something to report: its `latest`.
    if (versions.length === 0) return tags.includes('latest') ? ['latest'] : [];
    return versions.slice(0, rule.n);
  }
  return [...tags].sort(natural.compare);
}

/** Returns the `n` newest tags by created date (tags without a date last, then by name). */
export function pickNewestByDate<T extends { tag: string; created?: string | undefined }>(
  tags: readonly T[],
  n: number,
): T[] {
  return [...tags]
    .sort((a, b) => {
      const da = a.created ? Date.parse(a.created) : Number.NaN;
      const db = b.created ? Date.parse(b.created) : Number.NaN;
      if (Number.isNaN(da) !== Number.isNaN(db)) return Number.isNaN(da) ? 1 : -1;
      return (Number.isNaN(da) ? 0 : db - da) || natural.compare(a.tag, b.tag);
    })
    .slice(0, n);
}

/** Returns an estimate of how many tags a rule picks out of `tagCount` tags. */
export function estimateTagCount(rule: TagRule, tagCount: number): number {
  if (rule.kind === 'newest') return Math.min(rule.n, tagCount);
  if (rule.kind === 'pattern') return Math.min(rule.patterns.length, tagCount);
  return tagCount;
}
