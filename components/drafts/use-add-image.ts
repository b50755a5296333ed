'use client';

import { useState } from 'react';

import { isAppError } from '@/lib/errors';
import { apiFetch } from '@/lib/query/api-fetch';
import { formatPlatform } from '@/lib/registry/pure';

import type { DraftView, ResolvedReference } from './api';
import { duplicateWarnings } from './duplicates';
import {
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

function fieldErrorText(err: Error): string {
  return isAppError(err) && err.fieldErrors
    ? Object.values(err.fieldErrors).flat().join(' ') || err.message
    : err.message;
}

function resolveReference(reference: string): Promise<ResolvedReference> {
  return apiFetch<ResolvedReference>(
    `/api/drafts/resolve?ref=${encodeURIComponent(reference.trim())}`,
  );
}

/** Every image a reference offers (all chosen at first), attestations left to follow them. */
function runnableDigests(resolved: ResolvedReference): Set<string> {
  return new Set(resolved.candidates.filter((c) => !c.attestation).map((c) => c.digest));
}

function resolveErrorText(err: unknown): string {
  return isAppError(err) && err.hint ? `${err.message} ${err.hint}` : (err as Error).message;
}

/** The hand-set platform and annotations, and what they add to a request (nothing while folded). */
function useManualFields() {
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState<PlatformFieldValues>(emptyPlatformFields);
  const [annotationText, setAnnotationText] = useState('');
  const extras = (): Pick<AddVars, 'platform' | 'annotations'> | { error: string } => {
    if (!open) return {};
    const parsed = parseAnnotationLines(annotationText);
    if ('error' in parsed) return { error: `Annotations: ${parsed.error}` };
    const platform = filledPlatform(fields);
    return {
      ...(platform ? { platform } : {}),
      ...(Object.keys(parsed.annotations).length ? { annotations: parsed.annotations } : {}),
    };
  };
  return { open, setOpen, fields, setFields, annotationText, setAnnotationText, extras };
}

/**
 * The add box's state machine: the reference is resolved; a single image (not yet in the draft)
 * is added at once, anything else opens the platform picker. Hand-set platform and annotations
 * go with either.
 */
export function useAddImage(draft: DraftView) {
  const draftId = draft.id;
  const [reference, setReference] = useState('');
  const [resolving, setResolving] = useState(false);
  const [picker, setPicker] = useState<{ resolved: ResolvedReference; chosen: Set<string> } | null>(
    null,
  );
  const manualFields = useManualFields();
  const manual = manualFields.extras;
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const add = useDraftMutation<AddVars>(draftId, (vars) => ({
    url: draftUrl(draftId, '/entries'),
    method: 'POST',
    body: vars,
  }));

  const submitAdd = (vars: AddVars, what: string) => {
    add.mutate(vars, {
      onSuccess: () => {
        setStatus(`Added ${what}.`);
        setReference('');
        setPicker(null);
        setError(null);
      },
      onError: (err) => setError(fieldErrorText(err)),
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
      const resolved = await resolveReference(reference);
      // An image whose platform the draft already has is shown in the picker with the warning first.
      if (resolved.kind === 'image' && duplicateWarnings(draft, resolved.candidates).size === 0) {
        const c = resolved.candidates[0];
        submitAdd(
          { reference: resolved.reference, ...extra },
          c?.platform ? formatPlatform(c.platform) : resolved.reference,
        );
      } else {
        setPicker({ resolved, chosen: runnableDigests(resolved) });
      }
    } catch (err) {
      setError(resolveErrorText(err));
    } finally {
      setResolving(false);
    }
  };

  const addPicked = (opts: { replace?: boolean }) => {
    if (!picker) return;
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
  };

  return {
    reference,
    setReference,
    picker,
    setPicker,
    manual: manualFields,
    error,
    status,
    busy: resolving || add.isPending,
    onSubmit,
    addPicked,
  };
}
