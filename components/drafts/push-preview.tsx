'use client';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { formatBytes } from '@/lib/format';
import { shortDigest } from '@/lib/registry/pure';

import type { DraftPreview } from './api';
import { DiffView } from './diff-view';
import { groupIssues } from './issue-groups';
import type { usePush } from './use-push';

type Destination = DraftPreview['destinations'][number];

function IndexLine({ preview, stale }: { preview: DraftPreview; stale: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-semibold">Index</span>
      <span
        className="font-mono text-xs break-all"
        title={preview.index.digest}
        data-testid="preview-digest"
      >
        {preview.index.digest}
      </span>
      <CopyButton text={preview.index.digest} label="Copy digest" />
      <Badge>{formatBytes(preview.index.size)}</Badge>
      <Badge tone="blue">
        {preview.index.mediaType.includes('oci') ? 'OCI image index' : 'Docker manifest list'}
      </Badge>
      {stale ? <Badge tone="amber">out of date: refresh the preview</Badge> : null}
    </div>
  );
}

function PreviewIssues({ issues }: { issues: DraftPreview['issues'] }) {
  if (!issues.length)
    return (
      <p className="text-sm text-emerald-700 dark:text-emerald-400">
        No problems found; every source still exists.
      </p>
    );
  return (
    <ul className="flex flex-col gap-0.5 text-sm">
      {groupIssues(issues).map((g, n) => (
        <li
          key={n}
          className={
            g.severity === 'error'
              ? 'text-red-700 dark:text-red-400'
              : 'text-amber-700 dark:text-amber-400'
          }
        >
          {g.severity === 'error' ? 'Error' : 'Warning'}
          {g.count > 1 ? ` (${g.count} entries)` : ''}: {g.message}
        </li>
      ))}
    </ul>
  );
}

function DestinationState({ d }: { d: Destination }) {
  if (d.error)
    return (
      <span className="text-red-700 dark:text-red-400">cannot be read: {d.error.message}</span>
    );
  if (d.currentDigest === null) return <Badge tone="green">new tag</Badge>;
  if (d.unchanged) return <Badge>already holds this index</Badge>;
  return (
    <span className="text-zinc-600 dark:text-zinc-400">
      now holds{' '}
      <span className="font-mono text-xs" title={d.currentDigest}>
        {shortDigest(d.currentDigest)}
      </span>
      : it will be replaced
    </span>
  );
}

function DestinationPreview({ d }: { d: Destination }) {
  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm">
        <span className="font-mono font-medium">{d.reference}</span> <DestinationState d={d} />
      </p>
      {d.movedSinceBasedOn ? (
        <p className="text-sm text-amber-700 dark:text-amber-400" role="note">
          This tag moved since the draft was based on it: {shortDigest(d.movedSinceBasedOn.basedOn)}{' '}
          → {d.movedSinceBasedOn.current ? shortDigest(d.movedSinceBasedOn.current) : 'deleted'}.
          Pushing stops with a conflict unless you overwrite it.
        </p>
      ) : null}
      {d.diff ? (
        <details open>
          <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">
            Changes against what the tag holds now
          </summary>
          <DiffView diff={d.diff} label={`Diff for ${d.reference}`} />
        </details>
      ) : null}
    </div>
  );
}

/**
 * What a push will do, before it runs: the index's digest, size and format, its problems, what
 * each destination tag holds now (and the diff), the exact JSON, and the Push button.
 */
export function PushPreview({
  preview,
  push: p,
}: {
  preview: DraftPreview;
  push: ReturnType<typeof usePush>;
}) {
  const n = preview.destinations.length;
  return (
    <div
      className="flex flex-col gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      aria-label="Preview"
      role="region"
    >
      <IndexLine preview={preview} stale={p.stale} />
      <PreviewIssues issues={preview.issues} />
      {preview.destinations.map((d) => (
        <DestinationPreview key={d.reference} d={d} />
      ))}
      <details>
        <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">
          The exact JSON that will be pushed
        </summary>
        <pre
          className="mt-1 max-h-96 overflow-auto rounded-md bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-950"
          aria-label="Index JSON"
        >
          {preview.index.json}
        </pre>
      </details>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="primary"
          disabled={!preview.canPush || p.stale || p.pushing}
          onClick={() => p.push.mutate(false)}
        >
          {p.push.isPending ? 'Starting…' : `Push to ${n} tag${n === 1 ? '' : 's'}`}
        </Button>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          Copies every image, config and layer first; the index goes last.
        </span>
      </div>
    </div>
  );
}
