'use client';

import { useState } from 'react';

import { entryUrl, type DraftView } from './api';
import { EntryRow, type EntryRowActions } from './entry-row';
import { useDraftMutation } from './use-draft';

type Entry = DraftView['entries'][number];

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

  const actions: EntryRowActions = {
    draftId: draft.id,
    busy,
    runnableCount: runnable.length,
    editing,
    setEditing,
    move: (digest, position) => move.mutate({ digest, position }),
    remove: (digest) => remove.mutate(digest),
  };
  const row = (e: Entry, i: number | null) => (
    <EntryRow key={e.digest} e={e} i={i} actions={actions} />
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
            <th className="w-[34%] min-w-48 px-3 py-2 font-medium">Source</th>
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
