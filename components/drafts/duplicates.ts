import { sourceName } from '@/lib/drafts/source-name';
import { formatPlatform, platformKey } from '@/lib/registry/pure';
import type { Platform } from '@/lib/registry';

import type { DraftView } from './api';

/**
 * Returns, for each candidate whose platform the draft already provides, a sentence naming the
 * entry that provides it by its source (not by digest); candidates already in the draft as the
 * same image are reported as such.
 */
export function duplicateWarnings(
  draft: Pick<DraftView, 'entries'> | undefined,
  candidates: ReadonlyArray<{ digest: string; platform?: Platform | undefined }>,
): Map<string, string> {
  const out = new Map<string, string>();
  if (!draft) return out;
  const byPlatform = new Map<string, DraftView['entries'][number]>();
  for (const e of draft.entries)
    if (e.platform && !e.attestation) byPlatform.set(platformKey(e.platform), e);
  for (const c of candidates) {
    if (!c.platform) continue;
    const existing = byPlatform.get(platformKey(c.platform));
    if (!existing) continue;
    const what = formatPlatform(c.platform, { osVersion: true });
    const from = sourceName(existing.source) ?? existing.digest.slice(0, 19);
    out.set(
      c.digest,
      existing.digest === c.digest
        ? `${what} is already in the draft (from ${from}).`
        : `The draft already has ${what} from ${from}: a list can hold each platform once.`,
    );
  }
  return out;
}
