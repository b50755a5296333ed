'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

import { apiFetch } from '@/lib/query/api-fetch';

import { draftKeys, type DraftView } from './api';
import { draftUrl, useDraftMutation } from './use-draft';

/** The draft header's mutations: patch (name, format), duplicate (then open it), delete (then leave). */
export function useDraftHeader(draft: DraftView) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const patch = useDraftMutation<Record<string, unknown>>(draft.id, (body) => ({
    url: draftUrl(draft.id),
    method: 'PATCH',
    body,
  }));
  const duplicate = useMutation({
    mutationFn: () => apiFetch<DraftView>(draftUrl(draft.id, '/duplicate'), { method: 'POST' }),
    onSuccess: (copy) => {
      queryClient.setQueryData(draftKeys.detail(copy.id), copy);
      void queryClient.invalidateQueries({ queryKey: draftKeys.list() });
      router.push(`/drafts/${copy.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(draftUrl(draft.id), { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: draftKeys.all });
      router.push('/drafts');
    },
  });
  return { patch, duplicate, remove, error: patch.error ?? duplicate.error };
}
