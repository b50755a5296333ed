'use client';

import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { formatPlatform } from '@/lib/registry/pure';

import { apiFetch } from '@/lib/query/api-fetch';
import { isAppError } from '@/lib/errors';
import { type DraftView, type ResolvedReference } from './api';
import { duplicateWarnings } from './duplicates';
import { PlatformPicker } from './platform-picker';
import {
  PlatformFields,
  emptyPlatformFields,
  filledPlatform,
  parseAnnotationLines,
  type PlatformFieldValues,
} from './platform-fields';
import { draftUrl, useDraftMutation } from './use-draft';

interface AddVars {
  reference: string;
  replace?: boolean;
  platforms?: string[];
  platform?: Record<string, string | string[]>;
  annotations?: Record<string, string>;
}

/**
 * The add box: type a reference (`podman manifest add`). A single image is added at once with the
 * platform from its config; a list shows its platforms to choose from (all, like --all, or some).
 * Platform fields and annotations can be set by hand.
 */
export function AddImageForm({
  draft,
  defaultRegistry,
}: {
  draft: DraftView;
  defaultRegistry?: string;
}) {
  const draftId = draft.id;
  const [reference, setReference] = useState('');
  const [resolving, setResolving] = useState(false);
  const [picker, setPicker] = useState<{ resolved: ResolvedReference; chosen: Set<string> } | null>(
    null,
  );
  const [manualOpen, setManualOpen] = useState(false);
  const [fields, setFields] = useState<PlatformFieldValues>(emptyPlatformFields);
  const [annotationText, setAnnotationText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const add = useDraftMutation<AddVars>(draftId, (vars) => ({
    url: draftUrl(draftId, '/entries'),
    method: 'POST',
    body: vars,
  }));

  const manual = (): Pick<AddVars, 'platform' | 'annotations'> | { error: string } => {
    if (!manualOpen) return {};
    const parsed = parseAnnotationLines(annotationText);
    if ('error' in parsed) return { error: `Annotations: ${parsed.error}` };
    const platform = filledPlatform(fields);
    return {
      ...(platform ? { platform } : {}),
      ...(Object.keys(parsed.annotations).length ? { annotations: parsed.annotations } : {}),
    };
  };

  const submitAdd = (vars: AddVars, what: string) => {
    add.mutate(vars, {
      onSuccess: () => {
        setStatus(`Added ${what}.`);
        setReference('');
        setPicker(null);
        setError(null);
      },
      onError: (err) =>
        setError(
          isAppError(err) && err.fieldErrors
            ? Object.values(err.fieldErrors).flat().join(' ') || err.message
            : err.message,
        ),
    });
  };

  const onSubmit = async () => {
    setError(null);
    setStatus('');
    const extra = manual();
    if ('error' in extra) {
      setError(extra.error);
      return;
    }
    setResolving(true);
    try {
      const resolved = await apiFetch<ResolvedReference>(
        `/api/drafts/resolve?ref=${encodeURIComponent(reference.trim())}`,
      );
      // An image whose platform the draft already has is shown in the picker with the warning first.
      if (resolved.kind === 'image' && duplicateWarnings(draft, resolved.candidates).size === 0) {
        const c = resolved.candidates[0];
        submitAdd(
          { reference: resolved.reference, ...extra },
          c?.platform ? formatPlatform(c.platform) : resolved.reference,
        );
      } else {
        setPicker({
          resolved,
          chosen: new Set(resolved.candidates.filter((c) => !c.attestation).map((c) => c.digest)),
        });
      }
    } catch (err) {
      setError(isAppError(err) && err.hint ? `${err.message} ${err.hint}` : (err as Error).message);
    } finally {
      setResolving(false);
    }
  };

  const busy = resolving || add.isPending;

  return (
    <div className="flex flex-col gap-3">
      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <label htmlFor="add-reference" className="text-sm font-medium">
          Add an image by reference
        </label>
        <div className="flex gap-2">
          <input
            id="add-reference"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            placeholder={`${defaultRegistry ?? 'registry'}/repository:tag or …@sha256:…`}
            className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'add-error' : undefined}
            required
          />
          <Button type="submit" variant="primary" disabled={busy || !reference.trim()}>
            {busy ? 'Adding…' : 'Add'}
          </Button>
        </div>
        <details
          open={manualOpen}
          onToggle={(e) => setManualOpen(e.currentTarget.open)}
          className="text-sm"
        >
          <summary className="cursor-pointer text-zinc-600 select-none dark:text-zinc-400">
            Set platform and annotations by hand
          </summary>
          <div className="mt-2 flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              Empty fields keep what the image’s config says. These only describe the entry; they do
              not choose a different image.
            </p>
            <PlatformFields idPrefix="add" value={fields} onChange={setFields} />
            <label
              htmlFor="add-annotations"
              className="text-xs font-medium text-zinc-600 dark:text-zinc-400"
            >
              Annotations (key=value, one per line)
            </label>
            <textarea
              id="add-annotations"
              value={annotationText}
              onChange={(e) => setAnnotationText(e.target.value)}
              rows={2}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
              placeholder="org.opencontainers.image.title=shazam"
              spellCheck={false}
            />
          </div>
        </details>
        {error ? (
          <p id="add-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
        <p aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-400">
          {status}
        </p>
      </form>

      {picker ? (
        <PlatformPicker
          draft={draft}
          resolved={picker.resolved}
          chosen={picker.chosen}
          onChoose={(chosen) => setPicker({ ...picker, chosen })}
          busy={busy}
          onAdd={(opts) => {
            const extra = manual();
            if ('error' in extra) return setError(extra.error);
            submitAdd(
              {
                reference: picker.resolved.reference,
                ...(picker.resolved.kind === 'index' ? { platforms: [...picker.chosen] } : {}),
                ...(opts.replace ? { replace: true } : {}),
                ...extra,
              },
              `${picker.chosen.size} platform${picker.chosen.size === 1 ? '' : 's'}`,
            );
          }}
          onCancel={() => setPicker(null)}
        />
      ) : null}
    </div>
  );
}
