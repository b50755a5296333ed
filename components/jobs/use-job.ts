'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { jobKeys, jobQuery, type Job } from '@/components/drafts/api';
import { apiFetch } from '@/lib/query/api-fetch';

/**
 * Follows one server-side job (long-polled while it runs) with its retry; `onSettled` runs when it is
 * seen to finish (not for a job that was already finished when first seen).
 */
export function useJob(jobId: string, onSettled: ((job: Job) => void) | undefined) {
  const queryClient = useQueryClient();
  const { data: job, error } = useQuery(jobQuery(jobId));
  const retry = useMutation({
    mutationFn: () =>
      apiFetch<Job>(`/api/jobs/${encodeURIComponent(jobId)}/retry`, { method: 'POST' }),
    onSuccess: (next) => queryClient.setQueryData(jobKeys.detail(jobId), next),
  });

  const lastStatus = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!job) return;
    const finished =
      job.status === 'succeeded' || job.status === 'failed' || job.status === 'interrupted';
    if (finished && lastStatus.current !== job.status && lastStatus.current !== undefined)
      onSettled?.(job);
    lastStatus.current = job.status;
  }, [job, onSettled]);
  return { job, error, retry };
}
