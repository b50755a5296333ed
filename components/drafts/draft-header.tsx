'use client';

import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { formatBytes, formatDate } from '@/lib/format';

import type { DraftView } from './api';
import { DeleteDraftDialog } from './delete-draft-dialog';
import { useDraftHeader } from './use-draft-header';

type Header = ReturnType<typeof useDraftHeader>;

function RenameForm({
  name,
  setName,
  h,
  onDone,
}: {
  name: string;
  setName: (name: string) => void;
  h: Header;
  onDone: () => void;
}) {
  return (
    <form
      className="flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        h.patch.mutate({ name }, { onSuccess: onDone });
      }}
    >
      <input
        aria-label="Draft name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-lg font-semibold dark:border-zinc-700 dark:bg-zinc-900"
      />
      <Button type="submit" variant="primary" size="sm">
        Save
      </Button>
      <Button size="sm" variant="ghost" onClick={onDone}>
        Cancel
      </Button>
    </form>
  );
}

/** The format choice and the facts of the index: entries, size, digest, origin, last change. */
function DraftFacts({ draft, h }: { draft: DraftView; h: Header }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-zinc-600 dark:text-zinc-400">
      <label className="flex items-center gap-2">
        <span>Format</span>
        <select
          value={draft.format}
          disabled={h.patch.isPending}
          onChange={(e) => h.patch.mutate({ format: e.target.value })}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        >
          <option value="oci">OCI image index</option>
          <option value="docker">Docker manifest list</option>
        </select>
        {!draft.formatChosen && draft.entries.length === 0 ? (
          <span className="text-xs" data-testid="format-automatic">
            automatic: Docker if the first images are all Docker, else OCI
          </span>
        ) : null}
      </label>
      <span>
        {draft.entries.length} entr{draft.entries.length === 1 ? 'y' : 'ies'} ·{' '}
        {formatBytes(draft.index.size)} index
      </span>
      <span className="flex items-center gap-1">
        digest{' '}
        <span className="font-mono text-xs" title={draft.index.digest}>
          {draft.index.digest.slice(0, 19)}…
        </span>
        <CopyButton text={draft.index.digest} label="Copy digest" />
      </span>
      {draft.basedOn ? (
        <span className="font-mono text-xs" title={draft.basedOn.digest}>
          based on {draft.basedOn.reference.split('@')[0]} ({draft.basedOn.digest.slice(0, 19)}…)
        </span>
      ) : null}
      <span data-dynamic>changed {formatDate(draft.updatedAt)}</span>
    </div>
  );
}

/** The draft's name (rename in place), duplicate and delete, and the facts of its index. */
export function DraftHeader({ draft }: { draft: DraftView }) {
  const h = useDraftHeader(draft);
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Kept here, not in the form: a cancelled rename keeps what was typed for the next one.
  const [name, setName] = useState(draft.name);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        {renaming ? (
          <RenameForm name={name} setName={setName} h={h} onDone={() => setRenaming(false)} />
        ) : (
          <h1 className="text-2xl font-semibold tracking-tight">{draft.name}</h1>
        )}
        <div className="ml-auto flex flex-wrap gap-1">
          {!renaming ? (
            <Button size="sm" variant="ghost" onClick={() => setRenaming(true)}>
              Rename
            </Button>
          ) : null}
          <Button
            size="sm"
            variant="ghost"
            onClick={() => h.duplicate.mutate()}
            disabled={h.duplicate.isPending}
          >
            Duplicate
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="text-red-700 dark:text-red-400"
            disabled={h.remove.isPending}
            onClick={() => setConfirming(true)}
          >
            Delete draft
          </Button>
        </div>
      </div>
      {confirming ? (
        <DeleteDraftDialog
          name={draft.name}
          entryCount={draft.entries.length}
          busy={h.remove.isPending}
          error={h.remove.error}
          onConfirm={() => h.remove.mutate()}
          onClose={() => setConfirming(false)}
        />
      ) : null}
      <DraftFacts draft={draft} h={h} />
      {h.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {h.error.message}
        </p>
      ) : null}
    </div>
  );
}
