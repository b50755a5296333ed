'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { RoleGate } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { formatDate } from '@/lib/format';

import { draftsListQuery, type DraftSummary } from './api';
import { DeleteDraftDialog } from './delete-draft-dialog';
import { useDraftRow } from './use-draft-row';

type DraftRow = ReturnType<typeof useDraftRow>;

function NameCell({ d, r }: { d: DraftSummary; r: DraftRow }) {
  return (
    <td className="px-3 py-2">
      {r.renaming ? (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            r.rename.mutate();
          }}
        >
          <input
            aria-label="New name"
            value={r.name}
            onChange={(e) => r.setName(e.target.value)}
            className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
          <Button type="submit" size="sm" variant="primary" disabled={r.rename.isPending}>
            Save
          </Button>
          <Button size="sm" variant="ghost" onClick={() => r.setRenaming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Link
          href={`/drafts/${d.id}`}
          className="font-medium text-sky-700 hover:underline dark:text-sky-400"
        >
          {d.name}
        </Link>
      )}
      {d.basedOn ? (
        <p className="mt-0.5 truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">
          from {d.basedOn.reference.split('@')[0]}
        </p>
      ) : null}
      {r.error ? (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {r.error.message}
        </p>
      ) : null}
    </td>
  );
}

function ActionsCell({ d, r }: { d: DraftSummary; r: DraftRow }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <td className="px-3 py-2">
      <div className="flex justify-end gap-1">
        <Button
          size="sm"
          variant="ghost"
          onClick={() => r.setRenaming(true)}
          aria-label={`Rename ${d.name}`}
        >
          Rename
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => r.duplicate.mutate()}
          disabled={r.duplicate.isPending}
          aria-label={`Duplicate ${d.name}`}
        >
          Duplicate
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="text-red-700 dark:text-red-400"
          aria-label={`Delete ${d.name}`}
          disabled={r.remove.isPending}
          onClick={() => setConfirming(true)}
        >
          Delete
        </Button>
      </div>
      {confirming ? (
        <DeleteDraftDialog
          name={d.name}
          entryCount={d.entryCount}
          busy={r.remove.isPending}
          error={r.remove.error}
          onConfirm={() => r.remove.mutate()}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </td>
  );
}

function Row({ d }: { d: DraftSummary }) {
  const r = useDraftRow(d);
  return (
    <tr className="border-t border-zinc-200 align-top dark:border-zinc-800" data-draft={d.id}>
      <NameCell d={d} r={r} />
      <td className="px-3 py-2">
        <Badge tone={d.format === 'oci' ? 'blue' : 'violet'}>
          {d.format === 'oci' ? 'OCI index' : 'Docker list'}
        </Badge>
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{d.entryCount}</td>
      <td className="px-3 py-2 font-mono text-xs">{d.destinations.join(', ') || '—'}</td>
      <td className="px-3 py-2 text-xs">
        {d.owner?.name ?? 'admins only'}
        {d.sharedWith ? ` · shared with ${d.sharedWith}` : ''}
      </td>
      <td className="px-3 py-2 whitespace-nowrap">{formatDate(d.updatedAt)}</td>
      <ActionsCell d={d} r={r} />
    </tr>
  );
}

/** Every draft with rename, duplicate and delete; for editors only (a viewer reads why). */
export function DraftsTable() {
  return (
    <RoleGate role="editor" action="Working with drafts" note>
      <DraftsTableBody />
    </RoleGate>
  );
}

function DraftsTableBody() {
  const { data, error } = useQuery(draftsListQuery());
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  const drafts = data?.drafts ?? [];
  if (drafts.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No drafts yet. A draft is a manifest list you assemble here (like{' '}
        <code className="font-mono">podman manifest create</code>), then push with all its contents.
      </p>
    );
  }
  return (
    <div className="-m-4 overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm" aria-label="Drafts">
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th className="px-3 py-2 font-medium">Name</th>
            <th className="px-3 py-2 font-medium">Format</th>
            <th className="px-3 py-2 text-right font-medium">Entries</th>
            <th className="px-3 py-2 font-medium">Pushed to</th>
            <th className="px-3 py-2 font-medium">Owner</th>
            <th className="px-3 py-2 font-medium">Changed</th>
            <th className="px-3 py-2" />
          </tr>
        </thead>
        <tbody>
          {drafts.map((d) => (
            <Row key={d.id} d={d} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
