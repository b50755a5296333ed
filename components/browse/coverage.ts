import { comparePlatforms, platformKey } from '@/lib/registry/pure';
import type { Platform } from '@/lib/registry';
import type { TagSummary } from '@/lib/browse/tag-summary';

/** One column of the platform coverage matrix. */
export interface PlatformColumn {
  /** Normalised identity (linux/arm64 and linux/arm64/v8 share one column). */
  key: string;
  /** The platform as first seen in a summary, for display. */
  platform: Platform;
}

/** Returns the union of the summaries' platforms, one column per normalised platform, in display order. */
export function platformColumns(summaries: Iterable<TagSummary | undefined>): PlatformColumn[] {
  const byKey = new Map<string, Platform>();
  for (const s of summaries) {
    for (const p of s?.platforms ?? []) {
      const key = platformKey(p);
      if (!byKey.has(key)) byKey.set(key, p);
    }
  }
  return [...byKey.entries()]
    .map(([key, platform]) => ({ key, platform }))
    .sort((a, b) => comparePlatforms(a.platform, b.platform));
}

/** Returns the set of normalised platform keys a summary covers. */
export function coveredKeys(summary: TagSummary): Set<string> {
  return new Set(summary.platforms.map(platformKey));
}
