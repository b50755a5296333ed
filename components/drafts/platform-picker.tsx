'use client';

import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { formatBytes } from '@/lib/format';
import { formatPlatform, shortDigest } from '@/lib/registry/pure';

import type { DraftView, ResolvedReference } from './api';
import { duplicateWarnings } from './duplicates';

type Candidate = ResolvedReference['candidates'][number];

function CandidateRow({
  candidate: c,
  attestations,
  warning,
  chosen,
  onChoose,
}: {
  candidate: Candidate;
  attestations: number;
  warning: string | undefined;
  chosen: ReadonlySet<string>;
  onChoose: (chosen: Set<string>) => void;
}) {
  const label = c.platform
    ? formatPlatform(c.platform, { osVersion: true })
    : (c.artifactType ?? c.mediaType);
  return (
    <li>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={chosen.has(c.digest)}
          onChange={(e) => {
            const next = new Set(chosen);
            if (e.target.checked) next.add(c.digest);
            else next.delete(c.digest);
            onChoose(next);
          }}
        />
        <span className="font-mono">{label}</span>
        <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
          {shortDigest(c.digest)}
        </span>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">{formatBytes(c.size)}</span>
        {attestations ? (
          <span className="text-xs text-emerald-700 dark:text-emerald-400">
            + {attestations} attestation{attestations === 1 ? '' : 's'}
          </span>
        ) : null}
      </label>
      {warning ? (
        <p className="ml-6 text-xs text-amber-800 dark:text-amber-300">{warning}</p>
      ) : null}
    </li>
  );
}

/** What "Add" will add, in words, with what happens to the format and to duplicates. */
function PickSummary({
  draft,
  images,
  attestations,
  duplicates,
}: {
  draft: DraftView;
  images: number;
  attestations: number;
  duplicates: number;
}) {
  return (
    <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400" data-testid="add-summary">
      Adds {images} platform{images === 1 ? '' : 's'}
      {attestations
        ? ` and ${images === 1 ? 'its' : 'their'} ${attestations} attestation${attestations === 1 ? '' : 's'} (${images + attestations} entries)`
        : ''}
      .
      {attestations && draft.format === 'docker'
        ? draft.formatChosen
          ? ' Attestations need the OCI index format: switch the format, or the draft will show a problem.'
          : ' Attestations need the OCI index format: the draft becomes an OCI image index.'
        : ''}
      {duplicates
        ? ` ${duplicates} of them duplicate${duplicates === 1 ? 's' : ''} a platform the draft already has (see above).`
        : ''}
    </p>
  );
}

function AllOrNone({ all, onChoose }: { all: string[]; onChoose: (chosen: Set<string>) => void }) {
  return (
    <div className="mb-2 flex gap-2 text-xs">
      <button
        type="button"
        className="text-sky-700 hover:underline dark:text-sky-400"
        onClick={() => onChoose(new Set(all))}
      >
        All
      </button>
      <button
        type="button"
        className="text-sky-700 hover:underline dark:text-sky-400"
        onClick={() => onChoose(new Set())}
      >
        None
      </button>
    </div>
  );
}

/**
 * The platforms a typed reference offers, before anything is added: each with its attestations,
 * a warning for platforms the draft already has (naming the entry by its source), and a sentence
 * saying exactly what "Add" will add and what happens to the format.
 */
export function PlatformPicker({
  draft,
  resolved,
  chosen,
  onChoose,
  busy,
  onAdd,
  onCancel,
}: {
  draft: DraftView;
  resolved: ResolvedReference;
  chosen: ReadonlySet<string>;
  onChoose: (chosen: Set<string>) => void;
  busy: boolean;
  onAdd: (opts: { replace: boolean }) => void;
  onCancel: () => void;
}) {
  const [replace, setReplace] = useState(true);
  const images = resolved.candidates.filter((c) => !c.attestation);
  const warnings = duplicateWarnings(draft, images);
  const attestationsOf = (digest: string) =>
    resolved.candidates.filter((a) => a.attestationFor === digest).length;
  const chosenImages = images.filter((c) => chosen.has(c.digest));
  const chosenAttestations = chosenImages.reduce((n, c) => n + attestationsOf(c.digest), 0);
  const chosenDuplicates = chosenImages.filter((c) => warnings.has(c.digest)).length;
  return (
    <fieldset className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <legend className="px-1 text-sm font-medium">
        {resolved.kind === 'index'
          ? `${resolved.reference.split('@')[0]} is a list: choose the platforms to add`
          : `${resolved.reference.split('@')[0]}: check before adding`}
      </legend>
      <AllOrNone all={images.map((c) => c.digest)} onChoose={onChoose} />
      <ul className="flex flex-col gap-1">
        {images.map((c) => (
          <CandidateRow
            key={c.digest}
            candidate={c}
            attestations={attestationsOf(c.digest)}
            warning={warnings.get(c.digest)}
            chosen={chosen}
            onChoose={onChoose}
          />
        ))}
      </ul>
      <PickSummary
        draft={draft}
        images={chosenImages.length}
        attestations={chosenAttestations}
        duplicates={chosenDuplicates}
      />
      {chosenDuplicates ? (
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          Replace the entries that already have these platforms
        </label>
      ) : null}
      <div className="mt-2 flex gap-2">
        <Button
          variant="primary"
          disabled={busy || chosen.size === 0}
          onClick={() => onAdd({ replace: chosenDuplicates > 0 && replace })}
        >
          Add {chosen.size} platform{chosen.size === 1 ? '' : 's'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </fieldset>
  );
}
