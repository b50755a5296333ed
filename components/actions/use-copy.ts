'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';

import { apiFetch } from '@/lib/query/api-fetch';

import type { CopyPreview, ImageId, Job } from './api';
import type { ActionPlatform } from './types';
import { useActionJob } from './use-action-job';
import { useActionRefresh } from './use-refresh';

/**
 * The copy dialog's state machine: destination and chosen platforms, the preview of what the copy
 * makes, then the job that copies (the destination's current digest sent back as expected).
 */
export function useCopy(image: ImageId, isIndex: boolean, platforms: ActionPlatform[]) {
  const refresh = useActionRefresh();
  const [destination, setDestination] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(platforms.map((p) => p.digest)));
  const [preview, setPreview] = useState<CopyPreview | null>(null);
  const onSucceeded = useCallback(
    () => refresh(preview ? [preview.destination] : [], { page: false }),
    [refresh, preview],
  );
  const actionJob = useActionJob(onSucceeded);
  const { job, start, clear } = actionJob;

  const subset =
    isIndex && chosen.size < platforms.length
      ? platforms.filter((p) => chosen.has(p.digest)).map((p) => p.digest)
      : undefined;
  const previewMutation = useMutation({
    mutationFn: () =>
      apiFetch<CopyPreview>('/api/images/copy/preview', {
        method: 'POST',
        body: { ...image, destination, ...(subset ? { platforms: subset } : {}) },
      }),
    onSuccess: (p) => {
      setPreview(p);
      copy.reset();
      clear();
    },
  });
  const copy = useMutation({
    mutationFn: (force: boolean) =>
      apiFetch<{ job: Job; preview: CopyPreview }>('/api/images/copy', {
        method: 'POST',
        body: {
          ...image,
          destination: preview!.destination.reference,
          ...(subset ? { platforms: subset } : {}),
          expectedDigest: preview!.destination.currentDigest,
          indexDigest: preview!.index.digest,
          force,
        },
      }),
    onSuccess: (r) => start(r.job),
  });

  return {
    destination,
    setDestination,
    chosen,
    setChosen,
    subset,
    preview,
    change: () => setPreview(null),
    previewMutation,
    copy,
    actionJob,
    done: job?.status === 'succeeded',
    busy: previewMutation.isPending || copy.isPending || actionJob.running,
    force: () => {
      clear();
      copy.mutate(true);
    },
  };
}
