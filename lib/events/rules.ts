import { globMatch } from '@/lib/auth/roles';
import type { OutgoingWebhook, PlatformRule } from '@/lib/config-events';
import { formatPlatform, normalizePlatform, parsePlatform } from '@/lib/registry';
import { recordViolation, type ViolationRecord } from '@/lib/store';

import { tagTimeline, type TagKey } from './tag-timeline';
import type { TimelineEntry } from './timeline';
import { deliverWebhook, type DeliverOptions } from './webhooks';

/** The rules a change is checked against and where violations go. */
export interface PlatformPolicy {
  rules: readonly PlatformRule[];
  webhooks: readonly OutgoingWebhook[];
  /** Tests shorten the webhook's waits. */
  deliver?: DeliverOptions;
}

function canonical(p: string): string {
  try {
    return formatPlatform(normalizePlatform(parsePlatform(p)));
  } catch {
    return p;
  }
}

/**
 * Returns what a tag's newest timeline entry lacks: per matching rule the required platforms it
 * does not have, and (rule null) the platforms it lost against the list before it (drift). A
 * single image or a list whose platforms are unknown is not judged.
 */
export function violationsOf(
  rules: readonly PlatformRule[],
  key: TagKey,
  entry: TimelineEntry,
): { rule: string | null; missing: string[] }[] {
  if (!entry.digest || !entry.platforms) return [];
  const has = new Set(entry.platforms.map((p) => canonical(p.platform)));
  const out: { rule: string | null; missing: string[] }[] = [];
  for (const r of rules) {
    if (r.registry !== key.registry) continue;
    if (!r.repositories.some((p) => globMatch(p, key.repository))) continue;
    if (!r.tags.some((p) => globMatch(p, key.tag))) continue;
    const missing = r.platforms.filter((p) => !has.has(canonical(p)));
    if (missing.length) out.push({ rule: r.name, missing });
  }
  if (entry.diff?.removed.length) out.push({ rule: null, missing: entry.diff.removed });
  return out;
}

function message(v: ViolationRecord): string {
  const what = v.rule
    ? `misses ${v.missing.join(', ')} (rule "${v.rule}")`
    : `lost ${v.missing.join(', ')}`;
  return `${v.registry}/${v.repository}:${v.tag} ${what}, now ${v.digest.slice(0, 19)}${v.actor ? `, pushed by ${v.actor}` : ''}.`;
}

/**
 * Returns the violations newly recorded for the tag's latest change (see violationsOf; one per
 * tag, digest and rule), after sending each to the webhooks in the background. Throws on SQLite errors.
 */
export function checkTagChange(
  policy: PlatformPolicy | undefined,
  key: TagKey,
  change: { via: 'event' | 'check'; actor: string | null; time: string },
): ViolationRecord[] {
  if (!policy) return [];
  const entry = tagTimeline(key)[0];
  if (!entry) return [];
  const recorded: ViolationRecord[] = [];
  for (const v of violationsOf(policy.rules, key, entry)) {
    const r = recordViolation({ ...key, digest: entry.digest!, ...v, ...change });
    if (r) recorded.push(r);
  }
  for (const v of recorded)
    for (const hook of policy.webhooks)
      // A chat tool shows `text`; the rest is for scripts.
      void deliverWebhook(hook, { text: message(v), violation: v }, policy.deliver);
  return recorded;
}
