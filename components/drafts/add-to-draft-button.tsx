'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';

import { useDenial } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { Popover } from '@/components/ui/popover';
import { SetCheckbox } from '@/components/ui/set-checkbox';
import { formatPlatform } from '@/lib/registry/pure';
import type { Platform } from '@/lib/registry';

import { apiFetch } from '@/lib/query/api-fetch';

import { draftKeys, draftQuery, draftsListQuery, type DraftView } from './api';
import { duplicateWarnings } from './duplicates';

const NEW = '__new__';

/** One entry of a list offered to a draft; `attestations` counts the attestations that come with it. */
export interface OfferedPlatform {
  digest: string;
  platform?: Platform;
  attestations?: number;
}

export interface AddToDraftButtonProps {
  /** What to add: `host/repo:tag` or `host/repo@digest`, an image or a list. */
  reference: string;
  /** For a list: its entries; the user picks which to add (all by default). Attestations follow their image. */
  platforms?: OfferedPlatform[];
  /** The button's accessible name when several are on one page (`Add to draft: latest`). */
  accessibleName?: string;
  /** Start with the panel open (when the button is itself shown on request, e.g. the coverage report's "Fix a gap"). */
  defaultOpen?: boolean;
}

function defaultDraftName(reference: string): string {
  const name = reference.split('@')[0] ?? reference;
  const repo = name.slice(name.indexOf('/') + 1);
  return repo.replace(/:[^/]*$/, '') || 'new draft';
}

/** Returns what an add will put in the draft, in words: "2 platforms and their 2 attestations (4 entries)". */
export function addSummary(platforms: OfferedPlatform[] | undefined, chosen: ReadonlySet<string>) {
  if (!platforms || platforms.length === 0) return { text: 'Adds this image.', attestations: 0 };
  const picked = platforms.filter((p) => chosen.has(p.digest));
  const attestations = picked.reduce((n, p) => n + (p.attestations ?? 0), 0);
  const images = `${picked.length} platform${picked.length === 1 ? '' : 's'}`;
  return {
    text: attestations
      ? `Adds ${images} and ${picked.length === 1 ? 'its' : 'their'} ${attestations} attestation${attestations === 1 ? '' : 's'} (${picked.length + attestations} entries).`
      : `Adds ${images}.`,
    attestations,
  };
}

/**
 * "Add to draft" for image and repository pages: adds the image (or the chosen platforms of a
 * list) to an existing draft or a new one, without leaving the page. Says what will be added, and
 * warns about platforms the chosen draft already has, before adding.
 */
export function AddToDraftButton({
  reference,
  platforms,
  accessibleName,
  defaultOpen = false,
}: AddToDraftButtonProps) {
  // Drafts are an editor's tool: a viewer gets no button at all.
  if (useDenial('editor')) return null;
  return (
    <Popover
      label="Add to draft"
      title="Add to draft"
      defaultOpen={defaultOpen}
      {...(accessibleName ? { accessibleName } : {})}
    >
      {(close) => <AddToDraftPanel reference={reference} platforms={platforms} onClose={close} />}
    </Popover>
  );
}

function AddToDraftPanel({
  reference,
  platforms,
  onClose,
}: {
  reference: string;
  platforms: OfferedPlatform[] | undefined;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string>('');
  const [newName, setNewName] = useState(() => defaultDraftName(reference));
  const [chosen, setChosen] = useState<Set<string>>(
    () => new Set((platforms ?? []).map((p) => p.digest)),
  );
  const drafts = useQuery(draftsListQuery());
  const list = drafts.data?.drafts ?? [];
  const selected = target || (list[0]?.id ?? NEW);
  const draft = useQuery({ ...draftQuery(selected), enabled: selected !== NEW });
  const warnings = duplicateWarnings(
    selected === NEW ? undefined : draft.data,
    (platforms ?? []).filter((p) => chosen.has(p.digest)),
  );
  const summary = addSummary(platforms, chosen);

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
    onSuccess: ({ draft: saved }) => {
      queryClient.setQueryData(draftKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: draftKeys.list() });
      setTarget(saved.id);
    },
  });

  const field =
    'rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900';
  return (
    <div className="flex flex-col gap-3">
      <p className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{reference}</p>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Draft</span>
        <select value={selected} onChange={(e) => setTarget(e.target.value)} className={field}>
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
          <input value={newName} onChange={(e) => setNewName(e.target.value)} className={field} />
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
              {p.attestations ? (
                <span className="text-xs text-emerald-700 dark:text-emerald-400">
                  + {p.attestations} attestation{p.attestations === 1 ? '' : 's'}
                </span>
              ) : null}
            </SetCheckbox>
          ))}
        </fieldset>
      ) : null}
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="add-summary">
        {summary.text}
        {summary.attestations
          ? ' Attestations need the OCI index format: a draft whose format you did not choose becomes an OCI image index.'
          : ''}
      </p>
      {warnings.size && !add.data ? (
        <ul className="flex flex-col gap-1 text-xs text-amber-800 dark:text-amber-300">
          {[...warnings.values()].map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
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
        <Button size="sm" variant="ghost" onClick={onClose}>
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
  );
}
