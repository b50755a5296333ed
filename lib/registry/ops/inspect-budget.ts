/**
 * How much one inspect may do: each digest is expanded once (a repeated child is a reference to
 * the first), at most `maxManifests` entries are produced, and the result says when it was cut.
 */

/** The most entries one inspect produces (a nested index of repeated digests cannot fan out). */
export const MAX_INSPECT_MANIFESTS = 1000;

export interface InspectBudget {
  /** Returns false once `maxManifests` entries were produced (the rest is left out). */
  take(): boolean;
  /** Returns true the first time a digest is expanded; false for a repeat (shown as a reference). */
  first(digest: string): boolean;
  /** Records that an index was not expanded because it is nested too deep. */
  tooDeep(): void;
  /** Returns `truncated` and a message when anything was left out or collapsed. */
  outcome(): { truncated?: true; truncatedMessage?: string };
}

/** Returns a fresh budget for one inspect call. */
export function createInspectBudget(
  maxManifests = MAX_INSPECT_MANIFESTS,
  maxDepth = 4,
): InspectBudget {
  let produced = 0;
  let dropped = 0;
  let repeats = 0;
  let deep = 0;
  const expanded = new Set<string>();
  return {
    take() {
      if (produced >= maxManifests) {
        dropped++;
        return false;
      }
      produced++;
      return true;
    },
    first(digest) {
      if (expanded.has(digest)) {
        repeats++;
        return false;
      }
      expanded.add(digest);
      return true;
    },
    tooDeep() {
      deep++;
    },
    outcome() {
      const parts = [
        dropped ? `stopped after ${maxManifests} entries (${dropped} more not shown)` : '',
        repeats
          ? `${repeats} repeated nested ${repeats === 1 ? 'index is' : 'indexes are'} shown once`
          : '',
        deep ? `indexes nested deeper than ${maxDepth} levels are not expanded` : '',
      ].filter(Boolean);
      if (!parts.length) return {};
      const text = parts.join('; ');
      return { truncated: true, truncatedMessage: `${text[0]!.toUpperCase()}${text.slice(1)}.` };
    },
  };
}
