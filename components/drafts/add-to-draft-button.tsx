'use client';

import Link from 'next/link';

import { useDenial } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { Popover } from '@/components/ui/popover';
import { SetCheckbox } from '@/components/ui/set-checkbox';
import { formatPlatform } from '@/lib/registry/pure';

import { addSummary, type OfferedPlatform } from './add-to-draft-summary';
import { NEW_DRAFT, useAddToDraft } from './use-add-to-draft';

export { addSummary, type OfferedPlatform } from './add-to-draft-summary';

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

type AddToDraft = ReturnType<typeof useAddToDraft>;

const field =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900';

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

function DraftChoice({ a }: { a: AddToDraft }) {
  return (
    <>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Draft</span>
        <select value={a.selected} onChange={(e) => a.setTarget(e.target.value)} className={field}>
          {a.list.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.entryCount})
            </option>
          ))}
          <option value={NEW_DRAFT}>New draft…</option>
        </select>
      </label>
      {a.selected === NEW_DRAFT ? (
        <label className="flex flex-col gap-1">
          <span className="font-medium">New draft name</span>
          <input
            value={a.newName}
            onChange={(e) => a.setNewName(e.target.value)}
            className={field}
          />
        </label>
      ) : null}
    </>
  );
}

function PlatformChecks({ platforms, a }: { platforms: OfferedPlatform[]; a: AddToDraft }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="font-medium">Platforms</legend>
      {platforms.map((p) => (
        <SetCheckbox key={p.digest} value={p.digest} chosen={a.chosen} onChange={a.setChosen}>
          <span className="font-mono">
            {p.platform ? formatPlatform(p.platform, { osVersion: true }) : p.digest.slice(0, 19)}
          </span>
          {p.attestations ? (
            <span className="text-xs text-emerald-700 dark:text-emerald-400">
              + {p.attestations} attestation{p.attestations === 1 ? '' : 's'}
            </span>
          ) : null}
        </SetCheckbox>
      ))}
    </fieldset>
  );
}

function AddOutcome({ a }: { a: AddToDraft }) {
  const { add } = a;
  return (
    <>
      {add.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {add.error.message}
        </p>
      ) : null}
      {add.data ? (
        <p
          role="status"
          className={
            add.data.added.length === 0
              ? 'text-amber-800 dark:text-amber-300'
              : 'text-emerald-700 dark:text-emerald-400'
          }
        >
          {add.data.added.length === 0
            ? `Nothing added: ${add.data.draft.name} already holds this image.`
            : `Added to ${add.data.draft.name}.`}{' '}
          <Link href={`/drafts/${add.data.draft.id}`} className="font-medium underline">
            Open draft
          </Link>
        </p>
      ) : null}
    </>
  );
}

/** The add-to-draft form itself, for a place that is already a panel (the coverage fix dialog). */
export function AddToDraftPanel({
  reference,
  platforms,
  onClose,
}: {
  reference: string;
  platforms: OfferedPlatform[] | undefined;
  onClose: () => void;
}) {
  const a = useAddToDraft(reference, platforms);
  const { add, chosen, warnings } = a;
  const summary = addSummary(platforms, chosen);
  return (
    <div className="flex flex-col gap-3">
      <p className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{reference}</p>
      <DraftChoice a={a} />
      {platforms && platforms.length > 0 ? <PlatformChecks platforms={platforms} a={a} /> : null}
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
            (a.selected === NEW_DRAFT && !a.newName.trim())
          }
          onClick={() => add.mutate()}
        >
          {add.isPending ? 'Adding…' : 'Add'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      <AddOutcome a={a} />
    </div>
  );
}
