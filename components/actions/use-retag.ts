'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';

import { apiFetch } from '@/lib/query/api-fetch';
import type { TagWriteResult } from '@/lib/registry';

import type { ImageId, Job, TargetState } from './api';
import { useActionJob } from './use-action-job';
import { useActionRefresh } from './use-refresh';

/** What a finished retag job reports: each tag written, with its digest before and after. */
export interface RetagJobResult {
  tags: TagWriteResult[];
}

/**
 * The retag dialog's state machine: the typed tags are reviewed (each target's current digest),
 * then written by a job that sends those digests back as the expected ones.
 */
export function useRetag(image: ImageId) {
  const refresh = useActionRefresh();
  const [reviewed, setReviewed] = useState<TargetState[] | null>(null);
  const onSucceeded = useCallback(
    (j: Job) => refresh([image, ...((j.result as RetagJobResult | null)?.tags ?? [])]),
    [refresh, image],
  );
  const actionJob = useActionJob(onSucceeded);
  const { job, start, clear } = actionJob;

  const review = useMutation({
    mutationFn: (references: string[]) =>
      apiFetch<{ targets: TargetState[] }>('/api/images/targets', {
        method: 'POST',
        body: { ...image, references },
      }),
    onSuccess: (r) => {
      setReviewed(r.targets);
      retag.reset();
      clear();
    },
  });
  const retag = useMutation({
    mutationFn: (force: boolean) =>
      apiFetch<{ job: Job }>('/api/images/retag', {
        method: 'POST',
        body: {
          ...image,
          targets: (reviewed ?? []).map((t) => ({
            reference: t.reference,
            expectedDigest: t.currentDigest,
          })),
          force,
        },
      }),
    onSuccess: (r) => start(r.job),
  });

  const targets = reviewed ?? [];
  return {
    review,
    retag,
    actionJob,
    reviewed,
    targets,
    edit: () => setReviewed(null),
    done: job?.status === 'succeeded' ? (job.result as RetagJobResult) : null,
    busy: review.isPending || retag.isPending || actionJob.running,
    reviewAgain: () => review.mutate(targets.map((t) => t.reference)),
    force: () => {
      clear();
      retag.mutate(true);
    },
  };
}
