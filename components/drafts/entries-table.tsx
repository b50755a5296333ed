'use client';

import { Fragment, useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { sourceName } from '@/lib/drafts/source-name';
import { formatBytes } from '@/lib/format';
import { shortDigest } from '@/lib/registry/pure';

import { entryUrl, type DraftView } from './api';
import { Issues, typeBadge } from './entry-issues';
import { AnnotationsEditor } from './annotations-editor';
import { PlatformFields, fieldsToPlatform, platformToFields } from './platform-fields';
import { useDraftMutation } from './use-draft';

type Entry = DraftView['entries'][number];

function EntryEditor({
  draftId,
  entry,
  onDone,
}: {
  draftId: string;
  entry: Entry;
  onDone: () => void;
}) {
  const [fields, setFields] = useState(() => platformToFields(entry.platform));
  const annotate = useDraftMutation<{
    platform?: unknown;
    annotations?: Record<string, string | null>;
  }>(draftId, (body) => ({
    url: entryUrl(draftId, entry.digest),
    method: 'PATCH',
    body,
  }));
  return (
    <div className="flex flex-col gap-3 rounded-md border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="flex flex-col gap-2">
        <p className="text-xs font-semibold">Platform of this entry</p>
        <PlatformFields
          idPrefix={`edit-${entry.digest.slice(7, 19)}`}
          value={fields}
          onChange={setFields}
        />
        <div className="flex gap-2">
          <Button
            size="sm"
            variant="secondary"
            disabled={annotate.isPending}
            onClick={() => annotate.mutate({ platform: fieldsToPlatform(fields) })}
          >
            Save platform
          </Button>
          {entry.platform ? (
            <Button
              size="sm"
              variant="ghost"
              disabled={annotate.isPending}
              onClick={() => annotate.mutate({ platform: null })}
            >
              Remove platform
            </Button>
          ) : null}
        </div>
      </div>
      <div className="flex flex-col gap-2">
        <p className="text-xs font-semibold">Annotations of this entry</p>
        <AnnotationsEditor
          idPrefix={`ann-${entry.digest.slice(7, 19)}`}
          value={entry.annotations ?? {}}
          saving={annotate.isPending}
          onSave={(patch) => annotate.mutate({ annotations: patch })}
        />
      </div>
      {annotate.error ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {annotate.error.message}
        </p>
      ) : null}
      <div>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Close
        </Button>
      </div>
    </div>
  );
}

/**
 * The draft's entries in index order, attestations under the image they describe, each with its
 * problems; move, edit (platform and annotations) and remove per entry.
 */
export function EntriesTable({ draft }: { draft: DraftView }) {
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useDraftMutation<string>(draft.id, (digest) => ({
    url: entryUrl(draft.id, digest),
    method: 'DELETE',
  }));
  const move = useDraftMutation<{ digest: string; position: number }>(
    draft.id,
    ({ digest, position }) => ({
      url: entryUrl(draft.id, digest),
      method: 'PATCH',
      body: { position },
    }),
  );

  const runnable = draft.entries.filter((e) => !e.attestation);
  const attestationsOf = (digest: string) =>
    draft.entries.filter((e) => e.attestationFor === digest);
  const orphans = draft.entries.filter(
    (e) => e.attestation && !runnable.some((r) => r.digest === e.attestationFor),
  );
  const busy = remove.isPending || move.isPending;

  if (draft.entries.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-entries">
        No images yet. Add each per-architecture image above: its platform is read from its config.
      </p>
    );
  }

  const row = (e: Entry, i: number | null) => (
    <Fragment key={e.digest}>
      <tr
        className={`border-t border-zinc-200 align-top dark:border-zinc-800 ${e.issues.some((x) => x.severity === 'error') ? 'bg-red-50/60 dark:bg-red-950/30' : ''}`}
        data-testid="draft-entry"
        data-entry-platform={e.label}
      >
        <td className="px-3 py-2 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {i === null ? '' : i + 1}
        </td>
        <td className={`px-3 py-2 ${e.attestation ? 'pl-8' : ''}`}>
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="font-mono font-medium">
              {e.attestation ? '↳ ' : ''}
              {e.label}
            </span>
            {e.attestation ? <Badge tone="green">attestation</Badge> : null}
            {e.annotations && !e.attestation && Object.keys(e.annotations).length ? (
              <Badge
                title={Object.entries(e.annotations)
                  .map(([k, v]) => `${k}=${v}`)
                  .join('\n')}
              >
                {Object.keys(e.annotations).length} annotation
                {Object.keys(e.annotations).length === 1 ? '' : 's'}
              </Badge>
            ) : null}
          </div>
          <Issues entry={e} />
        </td>
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
          <div className="flex justify-end gap-1">
            {i !== null ? (
              <>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Move ${e.label} up`}
                  disabled={busy || i === 0}
                  onClick={() => move.mutate({ digest: e.digest, position: i - 1 })}
                >
                  ↑
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Move ${e.label} down`}
                  disabled={busy || i === runnable.length - 1}
                  onClick={() => move.mutate({ digest: e.digest, position: i + 1 })}
                >
                  ↓
                </Button>
              </>
            ) : null}
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Edit ${e.label}`}
              aria-expanded={editing === e.digest}
              onClick={() => setEditing(editing === e.digest ? null : e.digest)}
            >
              Edit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="text-red-700 dark:text-red-400"
              aria-label={`Remove ${e.label}`}
              disabled={busy}
              onClick={() => remove.mutate(e.digest)}
            >
              Remove
            </Button>
          </div>
        </td>
      </tr>
      {editing === e.digest ? (
        <tr>
          <td />
          <td colSpan={6} className="px-3 pb-3">
            <EntryEditor draftId={draft.id} entry={e} onDone={() => setEditing(null)} />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );

  return (
    <div className="-m-4 overflow-x-auto">
      {(remove.error ?? move.error) ? (
        <p role="alert" className="px-4 pt-3 text-sm text-red-700 dark:text-red-400">
          {(remove.error ?? move.error)?.message}
        </p>
      ) : null}
      <table className="w-full min-w-[44rem] text-left text-sm" aria-label="Entries">
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th className="w-8 px-3 py-2 font-medium">#</th>
            <th className="px-3 py-2 font-medium">Platform</th>
            <th className="w-[34%] px-3 py-2 font-medium">Source</th>
            <th className="px-3 py-2 font-medium">Digest</th>
            <th className="px-3 py-2 font-medium">Type</th>
            <th className="px-3 py-2 text-right font-medium" title="Size of the manifest itself">
              Manifest
            </th>
            <th className="px-3 py-2" />
          </tr>
        </thead>
        <tbody>
          {runnable.map((e, i) => [
            row(e, i),
            ...attestationsOf(e.digest).map((a) => row(a, null)),
          ])}
          {orphans.map((a) => row(a, null))}
        </tbody>
      </table>
    </div>
  );
}
