'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import { SetCheckbox } from '@/components/ui/set-checkbox';
import { formatPlatform } from '@/lib/registry/pure';
import type { Platform } from '@/lib/registry';

import { apiFetch } from '@/lib/query/api-fetch';
import { draftKeys, draftsListQuery, type DraftView } from './api';

const NEW = '__new__';

export interface AddToDraftButtonProps {
  /** What to add: `host/repo:tag` or `host/repo@digest`, an image or a list. */
  reference: string;
  /** For a list: its entries; the user picks which to add (all by default). Attestations follow their image. */
  platforms?: Array<{ digest: string; platform?: Platform }>;
  /** Start with the panel open (when the button is itself shown on request, e.g. the coverage report's "Fix a gap"). */
  defaultOpen?: boolean;
}

function defaultDraftName(reference: string): string {
  const name = reference.split('@')[0] ?? reference;
  const repo = name.slice(name.indexOf('/') + 1);
  return repo.replace(/:[^/]*$/, '') || 'new draft';
}

/**
 * "Add to draft" for image and repository pages: adds the image (or the chosen platforms of a
 * list) to an existing draft or a new one, without leaving the page.
 */
export function AddToDraftButton({
  reference,
  platforms,
  defaultOpen = false,
}: AddToDraftButtonProps) {
  const uid = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(defaultOpen);
  const [target, setTarget] = useState<string>('');
  const [newName, setNewName] = useState(() => defaultDraftName(reference));
  const [chosen, setChosen] = useState<Set<string>>(
    () => new Set((platforms ?? []).map((p) => p.digest)),
  );
  const drafts = useQuery({ ...draftsListQuery(), enabled: open });
  const list = drafts.data?.drafts ?? [];
  const selected = target || (list[0]?.id ?? NEW);

  const add = useMutation({
    mutationFn: async () => {
      let id = selected;
      if (id === NEW) {
        const created = await apiFetch<DraftView>('/api/drafts', {
          method: 'POST',
          body: { name: newName },
        });
        id = created.id;
      }
      const body = {
        reference,
        ...(platforms && platforms.length > 0 ? { platforms: [...chosen] } : {}),
      };
      return apiFetch<{ draft: DraftView; added: string[] }>(
        `/api/drafts/${encodeURIComponent(id)}/entries`,
        { method: 'POST', body },
      );
    },
    onSuccess: ({ draft }) => {
      queryClient.setQueryData(draftKeys.detail(draft.id), draft);
      void queryClient.invalidateQueries({ queryKey: draftKeys.list() });
      setTarget(draft.id);
    },
  });

  return (
    <div className="relative inline-block text-left">
      <Button
        size="sm"
        variant="secondary"
        aria-expanded={open}
        aria-controls={`${uid}-panel`}
        onClick={() => {
          setOpen(!open);
          add.reset();
        }}
      >
        Add to draft
      </Button>
      {open ? (
        <div
          id={`${uid}-panel`}
          role="dialog"
          aria-label="Add to draft"
          className="absolute right-0 z-20 mt-1 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <p className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">
            {reference}
          </p>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Draft</span>
            <select
              value={selected}
              onChange={(e) => setTarget(e.target.value)}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            >
              {list.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.entryCount})
                </option>
              ))}
              <option value={NEW}>New draft…</option>
            </select>
          </label>
          {selected === NEW ? (
            <label className="flex flex-col gap-1">
              <span className="font-medium">New draft name</span>
              <input
                value={newName}
                onChange={(e) => setNewName(e.target.value)}
                className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
              />
            </label>
          ) : null}
          {platforms && platforms.length > 0 ? (
            <fieldset className="flex flex-col gap-1">
              <legend className="font-medium">Platforms</legend>
              {platforms.map((p) => (
                <SetCheckbox key={p.digest} value={p.digest} chosen={chosen} onChange={setChosen}>
                  <span className="font-mono">
                    {p.platform
                      ? formatPlatform(p.platform, { osVersion: true })
                      : p.digest.slice(0, 19)}
                  </span>
                </SetCheckbox>
              ))}
            </fieldset>
          ) : null}
          <div className="flex items-center gap-2">
            <Button
              size="sm"
              variant="primary"
              disabled={
                add.isPending ||
                (platforms !== undefined && platforms.length > 0 && chosen.size === 0) ||
                (selected === NEW && !newName.trim())
              }
              onClick={() => add.mutate()}
            >
              {add.isPending ? 'Adding…' : 'Add'}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
              Close
            </Button>
          </div>
          {add.error ? (
            <p role="alert" className="text-red-700 dark:text-red-400">
              {add.error.message}
            </p>
          ) : null}
          {add.data ? (
            <p role="status" className="text-emerald-700 dark:text-emerald-400">
              Added to {add.data.draft.name}.{' '}
              <Link href={`/drafts/${add.data.draft.id}`} className="font-medium underline">
                Open draft
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
