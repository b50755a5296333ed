'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { suggestDestination } from '@/lib/drafts/list-tag';
import { conflictsOf } from '@/lib/errors';
import { apiFetch } from '@/lib/query/api-fetch';

import { draftJobsQuery, draftKeys, type DraftPreview, type DraftView, type Job } from './api';
import { draftUrl } from './use-draft';

function initialDestinations(draft: DraftView): string[] {
  if (draft.destinations.length) return draft.destinations;
  if (draft.basedOn) return [draft.basedOn.reference.split('@')[0] ?? ''];
  // A new draft is offered a tag beside its images rather than an empty field; the preview
  // shows what that tag holds now before anything is pushed.
  const sources = draft.entries.flatMap((e) => (e.source && !e.attestation ? [e.source] : []));
  return [suggestDestination(sources) ?? ''];
}

/**
 * The push panel's state machine: destination tags, the preview made for them (stale once the
 * draft or the tags change), the push that sends the previewed digests back, the latest push job.
 */
export function usePush(draft: DraftView) {
  const queryClient = useQueryClient();
  const [destinations, setDestinations] = useState<string[]>(() => initialDestinations(draft));
  const [preview, setPreview] = useState<{ data: DraftPreview; destinations: string[] } | null>(
    null,
  );
  const jobs = useQuery(draftJobsQuery(draft.id));
  const latest = jobs.data?.jobs[0];

  const runPreview = useMutation({
    mutationFn: (dests: string[]) =>
      apiFetch<DraftPreview>(draftUrl(draft.id, '/preview'), {
        method: 'POST',
        body: { destinations: dests },
      }),
    onSuccess: (data, dests) => setPreview({ data, destinations: dests }),
  });
  const push = useMutation({
    mutationFn: (force: boolean) => {
      if (!preview) throw new Error('Preview first');
      return apiFetch<{ job: Job }>(draftUrl(draft.id, '/push'), {
        method: 'POST',
        body: {
          destinations: preview.data.destinations.map((d) => ({
            reference: d.reference,
            expectedDigest: d.expectedDigest,
          })),
          revision: preview.data.revision,
          indexDigest: preview.data.index.digest,
          ...(force ? { force: true } : {}),
        },
      });
    },
    onSuccess: ({ job }) => {
      queryClient.setQueryData(draftKeys.jobs(draft.id), (old: { jobs: Job[] } | undefined) => ({
        jobs: [job, ...(old?.jobs ?? [])],
      }));
      void queryClient.invalidateQueries({ queryKey: draftKeys.detail(draft.id) });
      void queryClient.invalidateQueries({ queryKey: draftKeys.list() });
    },
  });

  const cleaned = destinations.map((d) => d.trim()).filter(Boolean);
  const stale =
    preview !== null &&
    (preview.data.revision !== draft.revision ||
      preview.destinations.join('\n') !== cleaned.join('\n'));
  return {
    destinations,
    setDestinations,
    cleaned,
    preview: preview?.data ?? null,
    stale,
    runPreview,
    push,
    latest,
    conflicts: conflictsOf(push.error),
    pushing: push.isPending || latest?.status === 'running' || latest?.status === 'queued',
    refresh: () => {
      push.reset();
      runPreview.mutate(cleaned);
    },
    /** The latest job finished: its draft and job list changed, and the preview is spent. */
    settled: () => {
      void queryClient.invalidateQueries({ queryKey: draftKeys.jobs(draft.id) });
      void queryClient.invalidateQueries({ queryKey: draftKeys.detail(draft.id) });
      setPreview(null);
    },
  };
}
