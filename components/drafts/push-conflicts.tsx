'use client';

import { useQuery } from '@tanstack/react-query';

import type { TagConflict } from '@/lib/errors';
import { tagSummaryOptions } from '@/lib/query/keys';
import { formatPlatform, parseReference, platformKey } from '@/lib/registry/pure';

import type { DraftView } from './api';

/**
 * What overwriting one moved tag would lose: the platforms the tag holds now that the draft does
 * not have (someone's arm-only change, pushed over by a stale list, was lost unseen).
 */
function ConflictLoss({ conflict, draft }: { conflict: TagConflict; draft: DraftView }) {
  const ref = parseReference(conflict.reference);
  const now = useQuery({
    ...tagSummaryOptions(ref.registry, ref.repository, conflict.actual ?? ''),
    enabled: conflict.actual !== null,
  }).data;
  if (conflict.actual === null) return <span>the tag is gone now; nothing is lost.</span>;
  if (!now) return <span>reading what it holds now…</span>;
  const ours = new Set(draft.entries.flatMap((e) => (e.platform ? [platformKey(e.platform)] : [])));
  const lost = now.platforms.filter((p) => !ours.has(platformKey(p)));
  return (
    <span data-testid="overwrite-loss">
      {lost.length
        ? `overwriting loses ${lost.map((p) => formatPlatform(p)).join(', ')} (on the tag now, not in this draft).`
        : `it holds ${now.platforms.map((p) => formatPlatform(p)).join(', ') || 'no platform'} now; the draft has each of them.`}
    </span>
  );
}

/** The moved tags of a refused push: what the preview showed, what is there now, what overwriting loses. */
export function PushConflicts({
  conflicts,
  draft,
}: {
  conflicts: TagConflict[];
  draft: DraftView;
}) {
  return (
    <ul className="mt-2 flex flex-col gap-1 text-xs">
      {conflicts.map((c) => (
        <li key={c.reference}>
          <span className="font-mono break-all">{c.reference}</span>: the preview showed{' '}
          <span className="font-mono">{c.expected?.slice(0, 19) ?? 'no tag'}</span>, now{' '}
          <span className="font-mono">{c.actual?.slice(0, 19) ?? 'no tag'}</span>;{' '}
          <ConflictLoss conflict={c} draft={draft} />
        </li>
      ))}
    </ul>
  );
}
