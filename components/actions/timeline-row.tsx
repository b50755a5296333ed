'use client';

import Link from 'next/link';

import { ACTION_TONE } from '@/components/activity/action-tone';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { TimelineEntry } from '@/lib/events/timeline';
import { formatDate } from '@/lib/format';
import { imagePath } from '@/lib/paths';

import { short } from './format';

/** A digest as a link to its image page, or "deleted" for a period the tag did not exist. */
export function DigestLink({
  registry,
  repository,
  digest,
}: {
  registry: string;
  repository: string;
  digest: string | null;
}) {
  if (!digest) return <span className="text-zinc-500 dark:text-zinc-400">deleted</span>;
  return (
    <Link
      href={imagePath(registry, repository, digest)}
      className="font-mono underline decoration-zinc-300 hover:decoration-current dark:decoration-zinc-600"
      title={digest}
    >
      {short(digest)}
    </Link>
  );
}

const HOW_LABEL = { event: 'registry event', check: 'seen by a check' } as const;

/** How the change became known: Manifold's action, a registry event, or the reconcile check. */
function How({ entry: e }: { entry: TimelineEntry }) {
  if (e.how === 'manifold')
    return e.action ? (
      <Badge tone={ACTION_TONE[e.action]}>{e.action}</Badge>
    ) : (
      <span className="text-xs text-zinc-500 dark:text-zinc-400">before the records</span>
    );
  return <Badge tone="neutral">{HOW_LABEL[e.how]}</Badge>;
}

/** A list's platforms and what changed from the list before it. */
function Platforms({ entry: e }: { entry: TimelineEntry }) {
  if (!e.platforms) return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  const d = e.diff;
  return (
    <span data-testid="history-platforms" title={e.platforms.map((p) => p.platform).join(', ')}>
      {e.platforms.length} platform{e.platforms.length === 1 ? '' : 's'}
      {d?.added.length ? (
        <span className="ml-1 text-xs text-green-700 dark:text-green-300">
          +{d.added.join(', +')}
        </span>
      ) : null}
      {d?.removed.length ? (
        <span className="ml-1 text-xs text-red-700 dark:text-red-300" data-testid="history-removed">
          −{d.removed.join(', −')}
        </span>
      ) : null}
      {d?.replaced.length ? (
        <span className="ml-1 text-xs text-amber-700 dark:text-amber-300">
          {d.replaced.join(', ')} replaced
        </span>
      ) : null}
    </span>
  );
}

/** One period of a tag's timeline, with Restore when its digest is still there and not current. */
export function TimelineRow({
  at: { registry, repository, tag },
  entry: e,
  current,
  exists,
  canRestore,
  onRestore,
}: {
  at: { registry: string; repository: string; tag: string };
  entry: TimelineEntry;
  current: string | null;
  exists: Record<string, boolean>;
  canRestore: boolean;
  onRestore: (digest: string) => void;
}) {
  const digest = e.digest;
  const gone = digest !== null && exists[digest] === false;
  const restorable = digest !== null && digest !== current && !gone;
  return (
    <tr
      className="border-t border-zinc-200 align-top dark:border-zinc-800"
      data-testid="history-row"
      data-action={e.action ?? e.how}
    >
      <td className="py-1.5 pr-3 whitespace-nowrap">
        {e.from ? formatDate(e.from) : 'before'}
        {e.to ? (
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            until {formatDate(e.to)}
          </span>
        ) : null}
      </td>
      <td className="py-1.5 pr-3 whitespace-nowrap">
        <DigestLink registry={registry} repository={repository} digest={digest} />
      </td>
      <td className="py-1.5 pr-3">
        <Platforms entry={e} />
      </td>
      <td className="py-1.5 pr-3">
        <How entry={e} />
      </td>
      <td className="py-1.5 pr-3" data-testid="history-who">
        {e.who ?? (e.how === 'check' ? 'seen by a check' : 'unknown')}
      </td>
      <td className="py-1.5 text-right">
        {restorable && canRestore ? (
          <Button
            size="sm"
            onClick={() => onRestore(digest)}
            aria-label={`Restore :${tag} to ${short(digest)}`}
          >
            Restore {short(digest, 7)}
          </Button>
        ) : gone ? (
          <span
            className="text-xs text-zinc-500 dark:text-zinc-400"
            title="Deleted, or removed by garbage collection once nothing tagged pointed at it"
          >
            gone: cannot restore
          </span>
        ) : null}
      </td>
    </tr>
  );
}

/** The tag's recorded violations: required platforms a list lacked, platforms it lost. */
export function Violations({
  violations,
}: {
  violations: {
    id: number;
    time: string;
    rule: string | null;
    missing: string[];
    digest: string;
  }[];
}) {
  if (violations.length === 0) return null;
  return (
    <ul
      aria-label="Platform violations"
      data-testid="tag-violations"
      className="flex flex-col gap-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      {violations.map((v) => (
        <li key={v.id}>
          {formatDate(v.time)}: <span className="font-mono">{short(v.digest)}</span>{' '}
          {v.rule
            ? `misses ${v.missing.join(', ')} (rule “${v.rule}”)`
            : `lost ${v.missing.join(', ')}`}
        </li>
      ))}
    </ul>
  );
}
