'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

import { apiFetch } from '@/lib/query/api-fetch';

import type { RemovePlatformPreview, RemovePlatformResult } from './api';
import { useActionRefresh } from './use-refresh';

/**
 * The remove-platform dialog's state: the chosen platform and the preview of the smaller list,
 * then the rewrite (sent with the list digest the page shows as the expected one).
 */
export function useRemovePlatform(
  target: { registry: string; repository: string; tag: string; listDigest: string },
  initial: string | undefined,
) {
  const { registry, repository, tag, listDigest } = target;
  const refresh = useActionRefresh();
  const [platform, setPlatform] = useState<string | undefined>(initial);
  const [preview, setPreview] = useState<RemovePlatformPreview | null>(null);
  const [done, setDone] = useState<RemovePlatformResult | null>(null);
  const body = { registry, repository, tag, expectedDigest: listDigest, platform };

  const previewMutation = useMutation({
    mutationFn: (digest: string) =>
      apiFetch<RemovePlatformPreview>('/api/images/remove-platform', {
        method: 'POST',
        body: { ...body, platform: digest, preview: true },
      }),
    onSuccess: (p) => {
      setPreview(p);
      remove.reset();
    },
  });
  const remove = useMutation({
    mutationFn: (force: boolean) =>
      apiFetch<RemovePlatformResult>('/api/images/remove-platform', {
        method: 'POST',
        body: { ...body, force },
      }),
    onSuccess: (r) => {
      setDone(r);
      // The page behind refreshes when the dialog closes: refreshing now would unmount a dialog
      // opened from the very row that disappears.
      refresh([{ registry, repository }], { page: false });
    },
  });
  const started = useRef(false);
  const loadPreview = previewMutation.mutate;
  useEffect(() => {
    // Opened for one platform (a row's button): show its preview at once.
    if (initial && !started.current) {
      started.current = true;
      loadPreview(initial);
    }
  }, [initial, loadPreview]);

  return {
    platform,
    preview,
    done,
    previewMutation,
    remove,
    busy: previewMutation.isPending || remove.isPending,
    choose: (digest: string) => {
      setPlatform(digest);
      setPreview(null);
      previewMutation.mutate(digest);
    },
  };
}
