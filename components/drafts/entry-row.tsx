'use client';

import { Fragment } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { sourceName } from '@/lib/drafts/source-name';
import { formatBytes } from '@/lib/format';
import { shortDigest } from '@/lib/registry/pure';

import type { DraftView } from './api';
import { EntryEditor } from './entry-editor';
import { Issues, typeBadge } from './entry-issues';

type Entry = DraftView['entries'][number];

/** What a row can do to the draft, shared by every row of the table. */
export interface EntryRowActions {
  draftId: string;
  busy: boolean;
  /** How many runnable entries there are (the last one cannot move down). */
  runnableCount: number;
  editing: string | null;
  setEditing: (digest: string | null) => void;
  move: (digest: string, position: number) => void;
  remove: (digest: string) => void;
}

function PlatformCell({ e }: { e: Entry }) {
  const annotations = e.annotations ? Object.keys(e.annotations).length : 0;
  return (
    <td className={`px-3 py-2 ${e.attestation ? 'pl-8' : ''}`}>
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="font-mono font-medium">
          {e.attestation ? '↳ ' : ''}
          {e.label}
        </span>
        {e.attestation ? <Badge tone="green">attestation</Badge> : null}
        {e.annotations && !e.attestation && annotations ? (
          <Badge
            title={Object.entries(e.annotations)
              .map(([k, v]) => `${k}=${v}`)
              .join('\n')}
          >
            {annotations} annotation
            {annotations === 1 ? '' : 's'}
          </Badge>
        ) : null}
      </div>
      <Issues entry={e} />
    </td>
  );
}

function RowButtons({ e, i, a }: { e: Entry; i: number | null; a: EntryRowActions }) {
  return (
    <div className="flex justify-end gap-1">
      {i !== null ? (
        <>
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Move ${e.label} up`}
            disabled={a.busy || i === 0}
            onClick={() => a.move(e.digest, i - 1)}
          >
            ↑
          </Button>
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Move ${e.label} down`}
            disabled={a.busy || i === a.runnableCount - 1}
            onClick={() => a.move(e.digest, i + 1)}
          >
            ↓
          </Button>
        </>
      ) : null}
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Edit ${e.label}`}
        aria-expanded={a.editing === e.digest}
        onClick={() => a.setEditing(a.editing === e.digest ? null : e.digest)}
      >
        Edit
      </Button>
      <Button
        size="sm"
        variant="ghost"
        className="text-red-700 dark:text-red-400"
        aria-label={`Remove ${e.label}`}
        disabled={a.busy}
        onClick={() => a.remove(e.digest)}
      >
        Remove
      </Button>
    </div>
  );
}

/**
 * One entry of the draft's table (position `i`, or null for an attestation), with its editor
 * below it while it is being edited.
 */
export function EntryRow({
  e,
  i,
  actions: a,
}: {
  e: Entry;
  i: number | null;
  actions: EntryRowActions;
}) {
  return (
    <Fragment>
      <tr
        className={`border-t border-zinc-200 align-top dark:border-zinc-800 ${e.issues.some((x) => x.severity === 'error') ? 'bg-red-50/60 dark:bg-red-950/30' : ''}`}
        data-testid="draft-entry"
        data-entry-platform={e.label}
      >
        <td className="px-3 py-2 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {i === null ? '' : i + 1}
        </td>
        <PlatformCell e={e} />
        <td
          className="px-3 py-2 font-mono text-xs wrap-anywhere"
          title={e.source}
          data-testid="draft-source"
        >
          {sourceName(e.source) ?? '—'}
        </td>
        <td className="px-3 py-2 font-mono text-xs" title={e.digest}>
          {shortDigest(e.digest)}
        </td>
        <td className="px-3 py-2">{typeBadge(e.mediaType)}</td>
        <td className="px-3 py-2 text-right text-xs whitespace-nowrap">{formatBytes(e.size)}</td>
        <td className="px-3 py-2">
          <RowButtons e={e} i={i} a={a} />
        </td>
      </tr>
      {a.editing === e.digest ? (
        <tr>
          <td />
          <td colSpan={6} className="px-3 pb-3">
            <EntryEditor draftId={a.draftId} entry={e} onDone={() => a.setEditing(null)} />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
