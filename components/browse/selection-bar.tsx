'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useState } from 'react';

import { Modal } from '@/components/actions/modal';
import { useDenial } from '@/components/auth/access';
import { draftsListQuery } from '@/components/drafts/api';
import { useAddTagsToDraft, useListFromTags } from '@/components/drafts/use-list-from-tags';
import { Button } from '@/components/ui/button';
import { toPublicError } from '@/lib/errors';
import { queryKeys, tagSummaryOptions } from '@/lib/query/keys';

const DeleteDialog = dynamic(() =>
  import('@/components/actions/delete-dialog').then((m) => m.DeleteDialog),
);

interface Props {
  host: string;
  repository: string;
  /** The selected tags, in the list's order. */
  tags: string[];
  onClear: () => void;
}

/**
 * What can be done with the selected tags: make a list of them, add them to a draft, untag or
 * delete them. Each goes through the same preview as for one tag: untag and delete open the
 * delete dialog for one tag after the other.
 */
export function SelectionBar({ host, repository, tags, onClear }: Props) {
  const [open, setOpen] = useState<'add' | 'untag' | 'delete' | null>(null);
  const editDenied = useDenial('editor');
  const adminDenied = useDenial('admin', { registry: host, repository });
  const list = useListFromTags(host, repository, tags);
  const n = tags.length;
  return (
    <div
      role="region"
      aria-label="Selected tags"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-zinc-300 bg-white/95 px-4 py-3 shadow-lg backdrop-blur dark:border-zinc-700 dark:bg-zinc-900/95"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-2">
        <p className="mr-2 text-sm font-medium" aria-live="polite">
          {n} {n === 1 ? 'tag' : 'tags'} selected
        </p>
        {editDenied ? null : (
          <>
            <Button
              variant="primary"
              size="sm"
              onClick={() => list.make.mutate()}
              disabled={list.make.isPending}
              title={`A new draft with these images, to push as ${list.destination}`}
            >
              {list.make.isPending ? 'Making the list…' : 'Make a list from these'}
            </Button>
            <Button size="sm" onClick={() => setOpen('add')}>
              Add to draft…
            </Button>
          </>
        )}
        {adminDenied ? null : (
          <>
            <Button size="sm" onClick={() => setOpen('untag')}>
              Untag…
            </Button>
            <Button size="sm" variant="danger" onClick={() => setOpen('delete')}>
              Delete…
            </Button>
          </>
        )}
        <Button size="sm" variant="secondary" onClick={onClear}>
          Clear selection
        </Button>
        {editDenied && adminDenied ? (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">{editDenied}</span>
        ) : null}
        {list.make.error ? (
          <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
            The list could not be made: {list.make.error.message}
          </p>
        ) : null}
      </div>
      {open === 'add' ? (
        <AddTagsDialog
          host={host}
          repository={repository}
          tags={tags}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open === 'untag' || open === 'delete' ? (
        <DialogQueue
          host={host}
          repository={repository}
          tags={tags}
          untagOnly={open === 'untag'}
          onDone={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}

function AddTagsDialog({
  host,
  repository,
  tags,
  onClose,
}: Omit<Props, 'onClear'> & { onClose: () => void }) {
  const drafts = useQuery(draftsListQuery());
  const [chosen, setChosen] = useState('');
  const add = useAddTagsToDraft(host, repository, tags);
  const list = drafts.data?.drafts ?? [];
  const id = chosen || list[0]?.id || '';
  return (
    <Modal
      title={`Add ${tags.length} ${tags.length === 1 ? 'tag' : 'tags'} to a draft`}
      description="Each tag’s image, or every platform of a list, in the order shown."
      onClose={onClose}
      testId="add-tags-dialog"
      footer={
        <>
          <Button onClick={onClose}>{add.isSuccess ? 'Close' : 'Cancel'}</Button>
          <Button
            variant="primary"
            disabled={!id || add.isPending || add.isSuccess}
            onClick={() => add.mutate(id)}
          >
            {add.isPending ? 'Adding…' : 'Add'}
          </Button>
        </>
      }
    >
      {list.length ? (
        <label className="flex flex-col gap-1">
          <span className="font-medium">Draft</span>
          <select
            value={id}
            onChange={(e) => setChosen(e.target.value)}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          >
            {list.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p>No draft yet: use “Make a list from these” to start one with these tags.</p>
      )}
      <p className="font-mono text-xs break-all">{tags.join(', ')}</p>
      {add.isSuccess ? (
        <p role="status">
          Added.{' '}
          <Link className="text-sky-700 underline dark:text-sky-400" href={`/drafts/${id}`}>
            Open the draft
          </Link>
        </p>
      ) : null}
      {add.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {add.error.message}
        </p>
      ) : null}
    </Modal>
  );
}

/** The delete dialog (or its untag-only form) for each selected tag in turn; closing one opens the next. */
function DialogQueue({
  host,
  repository,
  tags,
  untagOnly,
  onDone,
}: Omit<Props, 'onClear'> & { untagOnly: boolean; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [i, setI] = useState(0);
  const tag = tags[i];
  const summary = useQuery({
    ...tagSummaryOptions(host, repository, tag ?? ''),
    enabled: tag !== undefined,
  });
  if (tag === undefined) return null;
  const next = () => {
    if (i + 1 < tags.length) setI(i + 1);
    else {
      void queryClient.invalidateQueries({ queryKey: queryKeys.repository(host, repository) });
      onDone();
    }
  };
  if (summary.isError)
    return (
      <Modal title={`${tag} could not be read`} onClose={next}>
        <p role="alert">{toPublicError(summary.error).message}</p>
      </Modal>
    );
  if (!summary.data) return null;
  return (
    <DeleteDialog
      key={tag}
      image={{ registry: host, repository, digest: summary.data.digest }}
      tag={tag}
      untagOnly={untagOnly}
      stay
      step={`${i + 1} of ${tags.length}`}
      onClose={next}
    />
  );
}
